/**
 * FFTT's Java Flight Recorder events: put {@code fftt-jfr} on the class path and record with
 * {@code -XX:StartFlightRecording}, {@code jcmd} or JDK Mission Control. {@link
 * dev.fftt.jfr.JfrExporter} is started by the runtime; {@link dev.fftt.jfr.JfrEventNames} lists
 * the events and their fields.
 */
package dev.fftt.jfr;
