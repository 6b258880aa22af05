package dev.leadkit.examples.boot;

import dev.leadkit.core.identity.Identity;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Programs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The sample application. The starter builds the engine from the H2 data source, this class
 * only adds what is the application's to decide: the mailer, the plugins and the journey.
 *
 * <p>Run it with {@code ./mvnw -q -pl leadkit-examples-boot -am -Pboot -DskipTests package} and
 * open http://localhost:8080/.
 */
@SpringBootApplication
public class SampleApplication {
  /** Used by Spring. */
  public SampleApplication() {}

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  /** Hands messages to the log instead of a mail provider. */
  @Bean
  LoggingMailer mailer() {
    return new LoggingMailer();
  }

  /** Ties the form's visitor cookie to the lead that signs up. */
  @Bean
  @Order(1)
  Identity identity(@Value("${sample.suppression-pepper}") String pepper) {
    return Identity.custom().suppressionPepper(pepper.getBytes(StandardCharsets.UTF_8)).build();
  }

  /** Journeys: a welcome mail on sign-up, then two more. */
  @Bean
  @Order(2)
  Journeys journeys() {
    return Journeys.builder().build();
  }

  /** Publishes the welcome journey once the engine runs (publishing again changes nothing). */
  @EventListener(ApplicationReadyEvent.class)
  void publishJourneys(ApplicationReadyEvent event) {
    event.getApplicationContext().getBean(Journeys.class).publish(Programs.welcome("welcome",
        "welcome-1", "welcome-2", "welcome-3", Duration.ofDays(3)));
  }
}
