package org.sanctuarycity.workflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link LoginThrottle} in front of the web apps' own login form (Tasklist, Cockpit, Admin), which checks
 * the password itself. The form body is read here and handed on unchanged, so the login resource still reads
 * it as a form.
 */
final class WebappLoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  /** A login form is two short fields; anything longer is not read into memory. */
  private static final int MAX_FORM = 8 * 1024;

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  WebappLoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !LOGIN.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_FORM + 1);
    if (body.length > MAX_FORM) {
      SecurityConfiguration.problem(response, json, 413, "Payload Too Large", "A login form is at most 8 KB.");
      return;
    }
    String account = field(new String(body, StandardCharsets.UTF_8), "username");
    String client = request.getRemoteAddr();
    Duration wait = throttle.waitFor(client, account);
    if (!wait.isZero()) {
      LoginThrottle.Throttled throttled = new LoginThrottle.Throttled(wait);
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      SecurityConfiguration.problem(response, json, 429, "Too Many Requests", throttled.getMessage());
      return;
    }
    chain.doFilter(new Replayed(request, body), response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(client, account);
    } else if (response.getStatus() < 400) {
      throttle.succeeded(client, account);
    }
  }

  private static String field(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** The request with its body, already read here, readable once more. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
