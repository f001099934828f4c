/**
 * The FFTT annotation processor ({@code fftt-processor}): build-time checks for the four
 * annotations of {@code dev.fftt.annotations}, and the index of classes with woven methods.
 * The only API here is {@link dev.fftt.processor.FfttProcessor}, found by javac through
 * {@code META-INF/services}; everything else lives in {@code dev.fftt.processor.internal}.
 */
package dev.fftt.processor;
