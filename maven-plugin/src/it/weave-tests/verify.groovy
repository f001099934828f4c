def log = new File(basedir, 'build.log').text

assert log.contains('FFTT: wove 1 method in 1 class of ' + new File(basedir, 'target/test-classes')) : log
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : log
return true
