package dev.fftt.processor.internal;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Where an annotation that reaches a method was written: on the method itself, or on its class.
 *
 * <p>Internal; not API, may change without notice.
 *
 * @param element the method or the class that carries the annotation
 * @param mirror the annotation
 * @param classLevel whether it was written on the class
 */
public record Site(Element element, AnnotationMirror mirror, boolean classLevel) {}
