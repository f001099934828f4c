def log = new File(basedir, 'build.log').text

assert log.contains('FFTT: wove 2 methods in 1 class of ' + new File(basedir, 'target/classes')) : log
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : log
// the agent ran (log=info) and wove none of the classes the build had woven
assert log.contains('FFTT agent: version ') : log
assert !log.contains('FFTT agent: wove it.both.') : log
return true
