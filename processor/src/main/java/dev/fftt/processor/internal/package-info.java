/**
 * Internal; not API, may change without notice. The checkers (one per rule family), the
 * reporter they share, and the writers of the generated index and policy classes.
 */
package dev.fftt.processor.internal;
