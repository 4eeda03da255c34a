package org.sanctuarycity.workflow.platform;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * A response a filter may take over: everything passes through until the filter's condition holds (a status the
 * servlet sets, or a state of the filter's own); from then on the servlet's status, body, flush and body headers
 * are kept out, nothing is committed, and the filter writes its own answer to the real response afterwards.
 */
public final class ReplacedResponse extends HttpServletResponseWrapper {

  private final IntPredicate replaceOnStatus;
  private final BooleanSupplier replaceNow;
  private boolean replaced;

  private static final ServletOutputStream DISCARD = new ServletOutputStream() {
    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {}
  };

  /**
   * @param replaceOnStatus asked with each status the servlet sets or sends; true takes the response over
   * @param replaceNow asked before every write; true takes the response over
   */
  public ReplacedResponse(HttpServletResponse response, IntPredicate replaceOnStatus, BooleanSupplier replaceNow) {
    super(response);
    this.replaceOnStatus = replaceOnStatus;
    this.replaceNow = replaceNow;
  }

  /** Whether the filter has taken the response over. */
  public boolean replaced() {
    if (!replaced && replaceNow.getAsBoolean()) {
      replaced = true;
    }
    return replaced;
  }

  private boolean replacedBy(int status) {
    if (!replaced() && replaceOnStatus.test(status)) {
      replaced = true;
    }
    return replaced;
  }

  @Override
  public void setStatus(int sc) {
    if (!replacedBy(sc)) {
      super.setStatus(sc);
    }
  }

  @Override
  public void sendError(int sc) throws IOException {
    if (!replacedBy(sc)) {
      super.sendError(sc);
    }
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    if (!replacedBy(sc)) {
      super.sendError(sc, msg);
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    return replaced() ? DISCARD : super.getOutputStream();
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    return replaced() ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
  }

  @Override
  public void flushBuffer() throws IOException {
    if (!replaced()) {
      super.flushBuffer();
    }
  }

  @Override
  public void setContentLength(int len) {
    if (!replaced()) {
      super.setContentLength(len);
    }
  }

  @Override
  public void setContentLengthLong(long len) {
    if (!replaced()) {
      super.setContentLengthLong(len);
    }
  }

  @Override
  public void setContentType(String type) {
    if (!replaced()) {
      super.setContentType(type);
    }
  }

  @Override
  public void setHeader(String name, String value) {
    if (!replaced() || !isBodyHeader(name)) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!replaced() || !isBodyHeader(name)) {
      super.addHeader(name, value);
    }
  }

  private static boolean isBodyHeader(String name) {
    return "Content-Type".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name);
  }
}
