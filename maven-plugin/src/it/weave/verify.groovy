def log = new File(basedir, 'build.log').text
def classes = new File(basedir, 'target/classes')

// the first build wove Backend (2 methods) and left Plain alone; the tests ran woven, no agent
assert log.contains('FFTT: wove 2 methods in 1 class of ' + classes) : log
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : log
def backend = new File(classes, 'it/weave/Backend.class').bytes
assert new String(backend, 'ISO-8859-1').contains('Ldev/fftt/agent/WovenAtBuildTime;')
assert !new String(new File(classes, 'it/weave/Plain.class').bytes, 'ISO-8859-1').contains('WovenAtBuildTime')

// the second build rewrote nothing: Backend was woven before, Plain has nothing to weave
assert log.contains('FFTT: wove 0 methods in 0 classes of ' + classes + ' (2 class files, 1 woven before and left as they were)') : log
return true
