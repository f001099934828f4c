package dev.fftt.samples.spring;

import dev.fftt.runtime.AsyncTimeoutException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face: each answer is the guarded call's future (Spring MVC completes the response when
 * it completes). The {@code whenComplete} callbacks log on whatever thread completed the call,
 * with the request's id in the MDC: FFTT put it there.
 */
@RestController
public class QuoteController {

  private static final Logger log = LoggerFactory.getLogger(QuoteController.class);
  private final QuoteService quotes;

  public QuoteController(QuoteService quotes) {
    this.quotes = quotes;
  }

  @GetMapping("/quotes/{symbol}")
  public CompletableFuture<Quote> quote(@PathVariable String symbol) {
    log.info("quote {} requested", symbol);
    return quotes.fetch(symbol).whenComplete((q, e) -> log.info("quote {} answered: {}", symbol,
        e == null ? q : e.toString()));
  }

  @GetMapping("/quotes/{symbol}/in/{currency}")
  public CompletableFuture<Quote> convert(@PathVariable String symbol, @PathVariable String currency) {
    return quotes.convert(symbol, currency).whenComplete((q, e) -> log.info("convert {} answered: {}",
        symbol, e == null ? q : e.toString()));
  }

  @GetMapping("/quotes/{symbol}/history")
  public CompletableFuture<String> history(@PathVariable String symbol) {
    return quotes.history(symbol).whenComplete((h, e) -> log.info("history {} ended: {}", symbol,
        e == null ? h : e.toString()));
  }

  @GetMapping("/quotes/{symbol}/news")
  public CompletableFuture<String> news(@PathVariable String symbol) {
    return quotes.news(symbol);
  }

  @ExceptionHandler(AsyncTimeoutException.class)
  ResponseEntity<String> timedOut(AsyncTimeoutException e) {
    return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(e.getMessage());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> badArgument(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(e.getMessage());
  }
}
