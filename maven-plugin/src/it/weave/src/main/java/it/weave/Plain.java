package it.weave;

/** No FFTT annotation: never rewritten. */
public class Plain {
  public String hello() {
    return "hello";
  }
}
