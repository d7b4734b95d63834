package com.sparkify.warehouse.api;

import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sparkify.warehouse.run.InvalidEtlModeException;
import com.sparkify.warehouse.run.InvalidEtlRequestException;
import com.sparkify.warehouse.run.JobConflictException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error to RFC 7807 problem+json with a stable {@code type}. Responses never carry stack
 * traces, exception class names or internal messages; unexpected errors are logged with an incident
 * id that the response repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The SQLState of the warehouse layer's own "unavailable for now", whose message is written for users. */
    private static final String UNAVAILABLE_STATE = "57P03";
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    /** No token, or a wrong one, where the endpoint needs it (Quarkus Security decided). */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        boolean presented = ApiToken.presented(headers.getHeaderString(HttpHeaders.AUTHORIZATION)) != null;
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized",
                presented ? "the bearer token is not valid"
                        : "this request needs an Authorization: Bearer <token> header")
                .withInstance(uri.getPath());
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerTokenMechanism.CHALLENGE)
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response conflict(JobConflictException e, UriInfo uri) {
        String location = Links.job(uri, JobView.of(e.active())).toString();
        return respond(Problem.of(409, "job-conflict", "Another job is running",
                "job " + e.active().id() + " (" + e.active().type() + ") is " + e.active().status()
                        + "; only one job that changes the warehouse runs at a time")
                .withJob(e.active().id(), location), uri);
    }

    @ServerExceptionMapper
    public Response invalidMode(InvalidEtlModeException e, UriInfo uri) {
        return respond(Problem.of(400, "invalid-parameter", "Invalid parameter", "mode " + e.getMessage())
                .withParameter(e.field()), uri);
    }

    @ServerExceptionMapper
    public Response invalidSource(InvalidEtlRequestException e, UriInfo uri) {
        return respond(Problem.of(400, "invalid-source", "Invalid source location", e.getMessage())
                .withParameter(e.field()), uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        ConstraintViolation<?> first = e.getConstraintViolations().iterator().next();
        String path = first.getPropertyPath().toString();
        String parameter = path.substring(path.lastIndexOf('.') + 1);
        String detail = e.getConstraintViolations().stream()
                .map(v -> leaf(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(Problem.of(400, "invalid-parameter", "Invalid parameter", detail).withParameter(parameter), uri);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class,
            MismatchedInputException.class, UnrecognizedPropertyException.class, InvalidFormatException.class })
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
        }
        String detail = e instanceof UnrecognizedPropertyException
                ? "unknown field '" + field + "'"
                : field != null ? "field '" + field + "' has the wrong type" : "the request body is not valid JSON";
        return respond(Problem.of(400, "invalid-body", "Invalid request body", detail).withParameter(field), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "none of the accepted media types can be produced";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported media type: send application/json";
            default -> title;
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, slug(status), title, detail).withInstance(uri.getPath()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("WWW-Authenticate") || name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /**
     * The warehouse cannot answer for now (an engine being reopened after a fatal error, a cluster out of
     * reach): 503 with a Retry-After, never 500. The embedded engine's own reason is shown (SQLState
     * 57P03, set by the warehouse layer); a driver's message is not.
     */
    @ServerExceptionMapper
    public Response unavailable(SQLTransientConnectionException e, UriInfo uri) {
        String detail = UNAVAILABLE_STATE.equals(e.getSQLState()) && e.getMessage() != null ? e.getMessage()
                : "the warehouse cannot be reached right now; try again shortly";
        Problem problem = Problem.of(503, "warehouse-unavailable", "Warehouse unavailable", detail)
                .withInstance(uri.getPath());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException unavailable) {
                return unavailable(unavailable, uri);
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s (incident %s)", uri.getPath(), incident);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "the request could not be completed (incident " + incident + ")"), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.instance() == null ? problem.withInstance(uri.getPath()) : problem)
                .build();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
