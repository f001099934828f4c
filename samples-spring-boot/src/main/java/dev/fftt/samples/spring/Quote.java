package dev.fftt.samples.spring;

/** A price of a symbol in a currency. */
public record Quote(String symbol, String currency, double price) {}
