def log = new File(basedir, 'build.log').text

assert log.contains('FFTT: 1 class(es) of ' + new File(basedir, 'target/classes') + ' were woven, and woven code needs dev.fftt:fftt-runtime on its class path, which is not a dependency of this project (scopes compile, runtime); add it (scope compile or runtime), or set fftt.weave.requireRuntime=false if the runtime reaches the class path another way') : log
assert log.contains('BUILD FAILURE') : log
return true
