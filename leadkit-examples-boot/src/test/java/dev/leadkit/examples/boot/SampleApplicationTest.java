package dev.leadkit.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journeys;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "leadkit.scheduling.initial-delay=1h")
class SampleApplicationTest {
  @LocalServerPort int port;
  @Autowired LeadKit kit;
  @Autowired Journeys journeys;
  @Autowired LeadkitScheduler scheduler;
  @Autowired LoggingMailer mailer;

  @Test
  void aVisitAndASignUpBecomeALeadWithItsTouchpoints() {
    RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
        .build();

    ResponseEntity<String> page = http.get().uri("/").retrieve().toEntity(String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("<form method=\"post\" action=\"/signup\">");
    String cookie = page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];

    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("email", " Hanako.Sato@Example.JP ");
    form.add("company", "Sato Denki");
    ResponseEntity<String> thanks = http.post().uri("/signup")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).header(HttpHeaders.COOKIE, cookie)
        .body(form).retrieve().toEntity(String.class);
    assertThat(thanks.getStatusCode().value()).isEqualTo(200);
    assertThat(thanks.getBody()).contains("hanako.sato@example.jp");

    Lead lead = kit.leadByEmail("hanako.sato@example.jp").orElseThrow();
    assertThat(lead.attributes().get(AttributeKey.COMPANY)).isPresent();
    // the anonymous page view became the lead's when the form tied the cookie to it
    List<TouchpointType> types = kit.touchpointLog().findByLead(lead.id(), TouchpointQuery.all())
        .stream().map(Touchpoint::type).toList();
    assertThat(types).contains(TouchpointType.PAGE_VIEW, TouchpointType.FORM_SUBMITTED);
    assertThat(journeys.enrolments(lead.id())).extracting(e -> e.journey().value())
        .containsExactly("welcome");

    // the scheduler's run hands the welcome mail to the logging mailer
    scheduler.runOnce();
    assertThat(mailer.sent()).isEqualTo(1);

    ResponseEntity<String> bad = http.post().uri("/signup")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(new LinkedMultiValueMap<>(java.util.Map.of("email", List.of("not-an-address"))))
        .retrieve().toEntity(String.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody()).contains("not-an-address");
  }
}
