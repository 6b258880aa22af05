package dev.leadkit.spring.console;

import dev.leadkit.console.LeadkitConsole;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Serves a {@link LeadkitConsole} in a servlet container; read-only (405 but for GET, HEAD). */
final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient LeadkitConsole console;

  ConsoleServlet(LeadkitConsole console) {
    this.console = console;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String base = req.getContextPath() + req.getServletPath();
    String uri = req.getRequestURI();
    String path = uri.length() >= base.length() ? uri.substring(base.length()) : "/";
    LeadkitConsole.Response r = console.handle(req.getMethod(), base, path, req.getQueryString());
    resp.setStatus(r.status());
    resp.setContentType(r.contentType());
    r.headers().forEach(resp::setHeader);
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    if (!req.getMethod().equals("HEAD")) {
      resp.setContentLength(body.length);
      resp.getOutputStream().write(body);
    }
  }
}
