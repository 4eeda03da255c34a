package org.sanctuarycity.workflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.sanctuarycity.workflow.platform.ReplacedResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One limit on request bodies at every entrance: the application's API and pages, the engine's REST API and the
 * web apps' (issue 23, finding 6: a 20 MB deployment was accepted, since the engine reads uploads itself, and a
 * 20 MB JSON body got 400 instead of 413). A declared length over the limit is refused before anything is
 * read; a body without one is counted as it is read and cut off at the limit. Either way the answer is 413 with
 * a problem body, and nothing of the request is processed.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

  private final ObjectMapper json;
  private final long maxBody;
  private final long maxDeployment;

  RequestSizeLimit(ObjectMapper json, DataSize maxBody, DataSize maxDeployment) {
    this.json = json;
    this.maxBody = maxBody.toBytes();
    this.maxDeployment = maxDeployment.toBytes();
  }

  long limitFor(HttpServletRequest request) {
    return request.getRequestURI().endsWith("/deployment/create") ? maxDeployment : maxBody;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitFor(request);
    if (request.getContentLengthLong() > limit) {
      refuse(response, limit);
      return;
    }
    Counted counted = new Counted(request, limit);
    try {
      // Once the body went past the limit, whatever the servlet answers instead is kept out of the response.
      chain.doFilter(counted, new ReplacedResponse(response, status -> false, () -> counted.exceeded));
    } catch (ServletException | IOException | RuntimeException e) {
      if (!counted.exceeded) {
        throw e;
      }
    }
    if (counted.exceeded && !response.isCommitted()) {
      response.reset();
      refuse(response, limit);
    }
  }

  private void refuse(HttpServletResponse response, long limit) throws IOException {
    SecurityConfiguration.problem(response, json, 413, "Payload Too Large",
        "The request body is larger than " + DataSize.ofBytes(limit).toKilobytes() + " KB.");
  }

  /** Raised when a body without a declared length goes past the limit. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("Request body too large");
    }
  }

  private static final class Counted extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;
    boolean exceeded;

    Counted(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          private void count(long n) throws TooLarge {
            read += n;
            if (read > limit) {
              exceeded = true;
              throw new TooLarge();
            }
          }

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return new BufferedReader(new InputStreamReader(getInputStream(), getCharacterEncoding() == null
          ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
    }
  }
}
