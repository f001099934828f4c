/**
 * Woven code's door into the runtime: the {@code invokedynamic} bootstrap the agent's prefix
 * calls once per woven method, the per-method {@code WovenMethod} that resolves the policy and
 * hands each call to the guard, and the agent's settings (or, for code woven at build time and run
 * without an agent, the same settings read from system properties).
 *
 * <p>Depends on {@code guard}, {@code monitor}, {@code loop}, {@code export} (a woven class's
 * loader is searched for exporters), {@code health} (code woven at build time, with no agent,
 * starts the health page itself: {@code StandaloneStart}) and {@code util}; nothing in the
 * runtime depends on this package, and it never touches bytecode (the agent does).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.weave;
