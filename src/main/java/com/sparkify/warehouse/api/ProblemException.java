package com.sparkify.warehouse.api;

/**
 * Ends a request with a problem+json response.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** 400 for a bad query parameter or body field, naming it. */
    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter", detail)
                .withParameter(parameter));
    }

    /** 404 for an unknown resource. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not Found", what));
    }

    /** 409 with a stable type of the caller's choice. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }

    public Problem problem() {
        return problem;
    }
}
