package dev.fftt.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A quote service as an executable Spring Boot jar: its {@link QuoteService} is guarded by FFTT
 * annotations only, woven by the agent at load time. Run it with
 * {@code java -javaagent:fftt-agent-<version>.jar -jar fftt-samples-spring-boot-<version>.jar}.
 */
@SpringBootApplication
public class QuoteApplication {

  public static void main(String[] args) {
    SpringApplication.run(QuoteApplication.class, args);
  }
}
