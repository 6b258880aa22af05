package dev.leadkit.examples.boot;

import dev.leadkit.core.InvalidEmailException;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-up page. A visit is a page view by the browser's visitor cookie; the form's
 * submission creates or updates the lead by its address and records a form touchpoint that ties
 * the visitor, and so its earlier page views, to the lead.
 */
@RestController
class SignUpController {
  static final String VISITOR_COOKIE = "lk_visitor";

  private final LeadKit kit;

  SignUpController(LeadKit kit) {
    this.kit = kit;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@CookieValue(name = VISITOR_COOKIE, required = false)
      @Nullable String cookie) {
    VisitorId visitor = visitor(cookie);
    kit.track(Touchpoint.forVisitor(visitor, TouchpointType.PAGE_VIEW, kit.clock().instant())
        .id("view-" + UUID.randomUUID()).url("/").build());
    return html(visitor, """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>leadkit sample</title></head>
        <body>
          <h1>Get the whitepaper</h1>
          <form method="post" action="/signup">
            <label>E-mail <input type="email" name="email" required></label>
            <label>Company <input name="company"></label>
            <button type="submit">Send it to me</button>
          </form>
        </body></html>
        """);
  }

  @PostMapping(value = "/signup", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> signUp(@RequestParam String email,
      @RequestParam(required = false, defaultValue = "") String company,
      @CookieValue(name = VISITOR_COOKIE, required = false) @Nullable String cookie) {
    VisitorId visitor = visitor(cookie);
    LeadInput.Builder input = LeadInput.email(email)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "whitepaper-form");
    if (!company.isBlank()) {
      input.attribute(AttributeKey.COMPANY, company.strip());
    }
    Lead lead = kit.upsertLead(input.build()).lead();
    kit.track(Touchpoint.forVisitor(visitor, TouchpointType.FORM_SUBMITTED, kit.clock().instant())
        .id("form-" + UUID.randomUUID()).url("/signup")
        .property(PropertyKey.EMAIL, lead.email().value()).build());
    return html(visitor, "<!doctype html><html><body><p>Thank you, "
        + HtmlUtils.htmlEscape(lead.email().value()) + ". The whitepaper is on its way.</p>"
        + "</body></html>");
  }

  @ExceptionHandler(InvalidEmailException.class)
  ResponseEntity<String> badEmail(InvalidEmailException e) {
    return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
        .body("<!doctype html><html><body><p>" + HtmlUtils.htmlEscape(e.getMessage())
            + "</p></body></html>");
  }

  private static VisitorId visitor(@Nullable String cookie) {
    if (cookie != null) {
      try {
        return VisitorId.of(cookie);
      } catch (RuntimeException e) {
        // a cookie we did not set: start a new visitor
      }
    }
    return VisitorId.of("v-" + UUID.randomUUID());
  }

  private static ResponseEntity<String> html(VisitorId visitor, String body) {
    ResponseCookie cookie = ResponseCookie.from(VISITOR_COOKIE, visitor.value()).path("/")
        .httpOnly(true).sameSite("Lax").maxAge(60L * 60 * 24 * 365).build();
    return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
        .contentType(MediaType.TEXT_HTML).body(body);
  }
}
