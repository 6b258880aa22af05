package dev.leadkit.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import dev.leadkit.journey.Journeys;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The README's Spring Boot section, compiled and run: its bean declarations start a real context
 * on H2 through the starter, and its tracking line records a touchpoint.
 */
class ReadmeStarterExampleTest {

  @Test
  void theReadmesBeansGiveAnEngineWithThePluginsInOrder() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(MyMailProvider.class, MyMailProvider::new)
        .withUserConfiguration(App.class)
        .withPropertyValues("leadkit.schema.install=true",
            "app.suppression-pepper=0123456789abcdef0123456789abcdef")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(LeadKit.class);
          LeadKit kit = ctx.getBean(LeadKit.class);
          Identity identity = ctx.getBean(Identity.class);
          ScoringPlugin scoring = ctx.getBean(ScoringPlugin.class);
          Journeys journeys = ctx.getBean(Journeys.class);
          // the engine has exactly the application's plugin beans ...
          assertThat(kit.plugin(Identity.class)).containsSame(identity);
          assertThat(kit.plugin(ScoringPlugin.class)).containsSame(scoring);
          assertThat(kit.plugin(Journeys.class)).containsSame(journeys);
          // ... in @Order order, the order the starter installs them in
          assertThat(ctx.getBeanProvider(LeadKitPlugin.class).orderedStream().toList())
              .containsExactly(identity, scoring, journeys);

          VisitorId visitor = VisitorId.of("v-readme-1");
          // tag::boot-track[]
          kit.track(Touchpoint.forVisitor(visitor, TouchpointType.PAGE_VIEW, kit.clock().instant())
              .url("/pricing").build());
          // end::boot-track[]
          assertThat(kit.touchpointLog().count()).isEqualTo(1);

          // the README's mailer hands the message to the provider, keyed by the message key
          Lead lead = kit.upsertLead(LeadInput.email("taro@example.jp").build()).lead();
          OutboundMessage message = new OutboundMessage(MessageKey.of("welcome:1"), lead.id(),
              Channel.EMAIL, "tpl-welcome", Optional.empty(), Map.of(), kit.clock().instant(),
              false);
          assertThat(kit.mailer().send(message, lead)).isEqualTo("provider-1");
          assertThat(ctx.getBean(MyMailProvider.class).sent)
              .containsExactly("taro@example.jp tpl-welcome welcome:1");
        });
  }

  /** Stands in for an application's mail provider client. */
  static final class MyMailProvider {
    final List<String> sent = new ArrayList<>();

    String send(String to, String template, String idempotencyKey) {
      sent.add(to + " " + template + " " + idempotencyKey);
      return "provider-" + sent.size();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    private final ScoringModel model = ScoringModel.custom("engagement")
        .behaviour("any-page", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
        .threshold(Threshold.at(5).setsStage(LifecycleStage.MQL))
        .build();

    // tag::boot-beans[]
    @Bean
    Mailer mailer(MyMailProvider provider) {           // required (see below)
      return (message, recipient) -> provider.send(recipient.email().value(),
          message.template(), message.key().value());    // the key as idempotency key
    }

    @Bean @Order(1)
    Identity identity(@Value("${app.suppression-pepper}") String pepper) {
      return Identity.custom().suppressionPepper(pepper.getBytes(UTF_8)).build();
    }

    @Bean @Order(2)
    ScoringPlugin scoring() { return ScoringPlugin.builder().model(model).build(); }

    @Bean @Order(3)
    Journeys journeys() { return Journeys.builder().build(); }
    // end::boot-beans[]
  }
}
