/**
 * The live health page: {@code Routes} answers {@code /fftt/health} (the health JSON, behind an
 * optional {@code BearerToken}), {@code /fftt/} and its static files ({@code PageFiles}, the
 * runtime's resources), each as a {@code Reply} with the security headers; {@code JdkHttpServer}
 * serves them on the JDK's {@code jdk.httpserver} from one daemon thread, defined in a loader of
 * its own ({@code JdkHttpLoader}) so that it works from the boot class path too; {@code HealthPage}
 * starts it.
 *
 * <p>Depends on {@code util} and on the public API ({@code Diagnostics}, the report it serves);
 * nothing in the runtime but the API depends on it. It reads the report, never anything behind it.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.health;
