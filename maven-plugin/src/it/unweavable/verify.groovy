def log = new File(basedir, 'build.log').text
def classes = new File(basedir, 'target/classes')

assert log.contains('FFTT: 1 class of ' + classes + ' carries FFTT annotations and cannot be woven:') : log
assert log.contains('  cannot weave it.unweavable.Legacy: its class file version 50 (Java 6) is older than Java 7, and woven code needs invokedynamic; recompile it for Java 7 or later') : log
assert log.contains('Recompile them for Java 7 or later, or remove their FFTT annotations.') : log
assert log.contains('BUILD FAILURE') : log
return true
