package org.sanctuarycity.workflow.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error is an RFC 7807 problem that names the field and the reason. The rejected value is
 * never echoed: it may be personal data.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    HttpStatus status = e.isTooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
    return problem(status, e.isTooLarge() ? "Value too long" : "Invalid input", e.getProblems());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException u) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid input", List.of(new FieldProblem(path(u), "is not a known field")));
    }
    if (cause instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", "));
      return problem(HttpStatus.BAD_REQUEST, "Invalid input",
          List.of(new FieldProblem(path(f), "is not one of: " + allowed)));
    }
    if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid input",
          List.of(new FieldProblem(path(m), "has the wrong type or format")));
    }
    if (cause instanceof JsonProcessingException) {
      return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
          List.of(new FieldProblem("body", "is not well-formed JSON")));
    }
    return problem(HttpStatus.BAD_REQUEST, "Unreadable request", List.of(new FieldProblem("body", "could not be read")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", List.of(new FieldProblem(e.getName(), "has the wrong format")));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", List.of(new FieldProblem(e.getParameterName(), "is required")));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ProblemDetail missingHeader(MissingRequestHeaderException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", List.of(new FieldProblem(e.getHeaderName(), "is required")));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraint(ConstraintViolationException e) {
    List<FieldProblem> problems = e.getConstraintViolations().stream()
        .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", problems);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail methodValidation(HandlerMethodValidationException e) {
    List<FieldProblem> problems = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
            r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
        .toList();
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", problems);
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(RetryLaterException.class)
  ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Still in progress");
    return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
        .body(problem);
  }

  @ExceptionHandler(IdempotencyKeyReusedException.class)
  ProblemDetail keyReused(IdempotencyKeyReusedException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
        List.of(new FieldProblem("Idempotency-Key", "was already used for a different request; use a new key")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        List.of(new FieldProblem("Content-Type", "must be application/json")));
  }

  @ExceptionHandler({org.springframework.http.InvalidMediaTypeException.class,
      org.springframework.util.InvalidMimeTypeException.class})
  ProblemDetail badMediaType(RuntimeException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid header",
        List.of(new FieldProblem("Content-Type or Accept", "is not a valid media type")));
  }

  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Void> notAcceptable(Exception e) {
    // The client accepts no type this endpoint produces, so the answer has no body it could read.
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
  }

  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ProblemDetail multipart(Exception e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", List.of(new FieldProblem("body", "is not a valid multipart body")));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ProblemDetail method(HttpRequestMethodNotSupportedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed here");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noResource(NoResourceFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (DatabaseOutage.isDataException(t)) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input",
            List.of(new FieldProblem("body", "contains a value that cannot be stored (for example a NUL character)"))));
      }
    }
    if (DatabaseOutage.causedBy(e)) {
      log.warn("Database unavailable; answered 503 ({})", e.getClass().getName());
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The database is not reachable; nothing was changed. Try again shortly.");
      problem.setTitle("Service unavailable");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS)).body(problem);
    }
    // The exception type only: messages of lower layers may quote input.
    // The throwing frame is code, not data: it says where to look.
    log.error("Unexpected error ({} at {})", e.getClass().getName(), java.util.Arrays.stream(e.getStackTrace())
        .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("org.springframework.util."))
        .findFirst().map(StackTraceElement::toString).orElse("?"));
    return ResponseEntity.internalServerError()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; nothing was changed."));
  }

  static ProblemDetail problem(HttpStatus status, String title, List<FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setTitle(title);
    problem.setDetail(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    problem.setProperty("errors", problems.stream()
        .map(p -> Map.of("field", p.field(), "reason", p.reason())).toList());
    return problem;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
