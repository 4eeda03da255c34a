package org.sanctuarycity.workflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.DatabaseOutage;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine's REST API (/engine-rest and the web apps' /camunda/api/engine) answers a refusal of the user's
 * own input as 400, not 500. Camunda maps a refusal to 400 on some resources only: a task completion or form
 * submission refused by a step's rules, a password the policy refuses, a variable outside the contract all came
 * back as "500 RestException". The {@link Capture} interceptor, outermost in the engine's command chain, notes
 * the refusal that ended the request's command; the {@link Filter} turns the engine's 500 for it into an
 * RFC 7807 problem that names each field and reason ({@code errors}), with the same text in {@code message},
 * which Tasklist shows beside the form. Anything else stays a 500.
 */
public final class EngineRestErrors {

  private static final ThreadLocal<RuntimeException> REFUSAL = new ThreadLocal<>();

  private EngineRestErrors() {}

  /** The user's own mistake behind this exception, if it is one. */
  static RuntimeException refusalIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BadUserRequestException || t instanceof FormFieldValidationException
          || t instanceof ConflictException) {
        return (RuntimeException) t;
      }
      RuntimeException input = inputError(t);
      if (input != null) {
        return input;
      }
      if (t instanceof org.camunda.bpm.engine.ProcessEngineException p && p.getMessage() != null
          && p.getMessage().startsWith("Password does not match policy")) {
        return InvalidInputException.of("password", "does not meet the password policy: at least 10 characters, "
            + "upper and lower case, a digit and a special character, and not the user's name");
      }
    }
    return null;
  }

  /**
   * Errors the engine raises about what a client sent, not about itself: a deployed file it cannot parse, a variable
   * whose declared type or serialized form it cannot take, a request body that is JSON null. Found by fuzzing
   * (HostileInputFuzzIT); each was a 500.
   */
  static RuntimeException inputError(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage();
    // Camunda's own ParseException (the compliance guard's refusals among them) is already a 400 in its shape.
    if (!(t instanceof org.camunda.bpm.engine.ParseException) && t instanceof org.camunda.bpm.engine.ProcessEngineException
        && (m.startsWith("ENGINE-09") || m.startsWith("ENGINE-22004") || m.startsWith("DMN-"))) {
      return InvalidInputException.of("deployment", "a file could not be parsed as BPMN, DMN or a form");
    }
    if (DatabaseOutage.isDataException(t)) {
      return InvalidInputException.of("variables", "a value cannot be stored (for example a NUL character)");
    }
    if (t instanceof IllegalArgumentException && m.equals("argument type mismatch")) {
      return InvalidInputException.of("query", "a parameter has the wrong type");
    }
    if (m.startsWith("ENGINE-17007")) {
      return InvalidInputException.of("variables", "Java serialization is not accepted; send JSON");
    }
    if (t instanceof RuntimeException && java.util.Arrays.stream(t.getStackTrace())
        .anyMatch(f -> f.getClassName().endsWith("VariableValueDto"))) {
      return InvalidInputException.of("variables", "a value has a type or form the engine cannot take");
    }
    if (m.contains("Cannot find serializer for value") || m.contains("Cannot deserialize object in variable")
        || m.startsWith("Cannot create file without")
        || (t instanceof IllegalArgumentException && m.contains("valueInfo"))
        || (t instanceof NullPointerException && m.contains("Dto") && m.contains("is null"))) {
      return InvalidInputException.of("variables", "a value has a type or form the engine cannot take");
    }
    return null;
  }

  /** The problem body both paths answer with; {@code message} is Camunda's own field, which Tasklist shows. */
  static Map<String, Object> problem(int status, List<FieldProblem> problems, String fallbackDetail) {
    String detail = problems.isEmpty() ? String.valueOf(fallbackDetail)
        : String.join("; ", problems.stream().map(FieldProblem::toString).toList());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status == 409 ? "Conflict" : status == 413 ? "Payload Too Large" : "Bad Request");
    body.put("status", status);
    body.put("detail", detail);
    body.put("message", detail);
    body.put("errors", problems.stream().map(p -> Map.of("field", p.field(), "reason", p.reason())).toList());
    return body;
  }

  /**
   * The same errors where the REST layer raises them before any engine command runs (a variable's value converted
   * from its JSON, a missing body): Camunda's own mapper would answer 500.
   */
  @jakarta.ws.rs.ext.Provider
  public static final class InputErrorMapper implements jakarta.ws.rs.ext.ExceptionMapper<RuntimeException> {
    private final org.camunda.bpm.engine.rest.exception.ExceptionHandler camunda =
        new org.camunda.bpm.engine.rest.exception.ExceptionHandler();

    @Override
    public jakarta.ws.rs.core.Response toResponse(RuntimeException e) {
      RuntimeException refusal = null;
      for (Throwable t = e; t != null && refusal == null; t = t.getCause() == t ? null : t.getCause()) {
        refusal = inputError(t);
      }
      if (refusal == null) {
        return camunda.toResponse(e);
      }
      Map<String, Object> body = problem(400, ((InvalidInputException) refusal).getProblems(), null);
      return jakarta.ws.rs.core.Response.status(400).type("application/problem+json").entity(body).build();
    }
  }

  /** Outermost in the engine's command chain: remembers the refusal that ended the command on this thread. */
  public static final class Capture extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        RuntimeException refusal = refusalIn(e);
        if (refusal != null) {
          REFUSAL.set(refusal);
        }
        throw e;
      }
    }
  }

  /** Rewrites the engine REST API's 500 for a refusal as a problem response. */
  public static final class Filter extends OncePerRequestFilter {
    private final ObjectMapper json;

    public Filter(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      String path = request.getRequestURI();
      return !(path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      REFUSAL.remove();
      // Camunda answers some refusals with its own 400 and others with 500; both become the problem shape.
      ReplacedResponse rewriting = new ReplacedResponse(response,
          status -> (status >= 500 || status == 400) && REFUSAL.get() != null, () -> false);
      try {
        chain.doFilter(request, rewriting);
        RuntimeException refusal = REFUSAL.get();
        if (rewriting.replaced() && refusal != null) {
          write(response, refusal);
        }
      } finally {
        REFUSAL.remove();
      }
    }

    private void write(HttpServletResponse response, RuntimeException refusal) throws IOException {
      List<FieldProblem> problems = refusal instanceof InvalidInputException invalid ? invalid.getProblems() : List.of();
      int status = refusal instanceof ConflictException ? 409
          : refusal instanceof InvalidInputException invalid && invalid.isTooLarge() ? 413 : 400;
      Map<String, Object> body = problem(status, problems, refusal.getMessage());
      byte[] bytes = json.writeValueAsBytes(body);
      response.resetBuffer();
      response.setStatus(status);
      response.setHeader("Content-Type", "application/problem+json");
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    }
  }
}
