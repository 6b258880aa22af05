package dev.leadkit.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.console.LeadkitConsole;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.spring.boot.LeadkitAutoConfiguration;
import jakarta.servlet.http.HttpServlet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LeadkitConsoleAutoConfigurationTest {
  private static final Mailer MAILER = new RecordingMailer();

  private static WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LeadkitAutoConfiguration.class,
            LeadkitConsoleAutoConfiguration.class))
        .withPropertyValues("leadkit.scheduling.enabled=false", "leadkit.schema.install=true")
        .withBean(DataSource.class, LeadkitConsoleAutoConfigurationTest::h2)
        .withBean(Mailer.class, () -> MAILER);
  }

  private static DataSource h2() {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lkconsole" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  @Test
  void theConsoleIsOffUnlessEnabled() {
    runner().run(ctx -> {
      assertThat(ctx).hasSingleBean(LeadKit.class);
      assertThat(ctx).doesNotHaveBean(LeadkitConsole.class);
      assertThat(ctx).doesNotHaveBean(ServletRegistrationBean.class);
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void enabledItIsMountedAtLeadkitAndAnswersReadOnly() {
    runner().withPropertyValues("leadkit.console.enabled=true",
        "leadkit.console.time-zone=Asia/Tokyo", "leadkit.console.locale=ja-JP")
        .run(ctx -> {
          ServletRegistrationBean<HttpServlet> reg = ctx.getBean(ServletRegistrationBean.class);
          assertThat(reg.getUrlMappings()).containsExactly("/leadkit/*");
          HttpServlet servlet = reg.getServlet();
          MockHttpServletResponse ok = call(servlet, "GET", "/leadkit", "/journeys");
          assertThat(ok.getStatus()).isEqualTo(200);
          assertThat(ok.getContentType()).startsWith("text/html");
          assertThat(ok.getContentAsString()).contains("href=\"/leadkit/segments\"")
              .contains("Asia/Tokyo");
          assertThat(ok.getHeader("Content-Security-Policy")).contains("default-src 'none'");
          MockHttpServletResponse post = call(servlet, "POST", "/leadkit", "/journeys");
          assertThat(post.getStatus()).isEqualTo(405);
          assertThat(post.getHeader("Allow")).isEqualTo("GET, HEAD");
          assertThat(call(servlet, "GET", "/leadkit", "/nope").getStatus()).isEqualTo(404);
        });
  }

  private static MockHttpServletResponse call(HttpServlet servlet, String method,
      String servletPath, String pathInfo) throws Exception {
    MockHttpServletRequest req = new MockHttpServletRequest(method, servletPath + pathInfo);
    req.setServletPath(servletPath);
    req.setPathInfo(pathInfo);
    MockHttpServletResponse resp = new MockHttpServletResponse();
    servlet.service(req, resp);
    return resp;
  }
}
