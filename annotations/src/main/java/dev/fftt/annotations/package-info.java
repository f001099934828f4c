/**
 * The FFTT Async annotations. They do nothing by themselves: the annotation processor
 * ({@code fftt-processor}) checks them at build time and the agent ({@code fftt-agent}) weaves
 * them into the annotated methods when their classes load.
 */
package dev.fftt.annotations;
