// Writes legacy/it/unweavable/Legacy.class: a Java 6 class file (no invokedynamic, so it cannot
// be woven) whose static ping() carries @WithTimeout(50 ms). Byte Buddy comes from the plugin
// module's test class path (addTestClassPath).
import dev.fftt.annotations.WithTimeout
import java.time.temporal.ChronoUnit
import java.util.concurrent.CompletableFuture
import net.bytebuddy.ByteBuddy
import net.bytebuddy.ClassFileVersion
import net.bytebuddy.description.annotation.AnnotationDescription
import net.bytebuddy.description.modifier.Ownership
import net.bytebuddy.description.modifier.Visibility
import net.bytebuddy.implementation.MethodCall

new ByteBuddy(ClassFileVersion.JAVA_V6)
    .subclass(Object)
    .name('it.unweavable.Legacy')
    .defineMethod('ping', CompletableFuture, Visibility.PUBLIC, Ownership.STATIC)
    .intercept(MethodCall.construct(CompletableFuture.getConstructor()))
    .annotateMethod(AnnotationDescription.Builder.ofType(WithTimeout)
        .define('value', 50L).define('unit', ChronoUnit.MILLIS).build())
    .make()
    .saveIn(new File(basedir, 'legacy'))
return true
