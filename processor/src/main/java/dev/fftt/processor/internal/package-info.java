/**
 * Internal; not API, may change without notice. The checkers (one per rule family), the
 * reporter they share, and the writer of the woven-classes index.
 */
package dev.fftt.processor.internal;
