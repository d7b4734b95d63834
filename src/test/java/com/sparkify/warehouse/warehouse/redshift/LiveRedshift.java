package com.sparkify.warehouse.warehouse.redshift;

import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the live tests when their environment is set. Under {@code -Predshift-live} (which sets
 * {@code sparkify.live.required}) a missing variable fails the build, naming it, instead of skipping:
 * a check that silently skips would report success for a check never made.
 */
public class LiveRedshift implements ExecutionCondition {

    /** The password is not among them: a {@code jdbc:redshift:iam://} URL needs none (start-up checks the rest). */
    static final List<String> REQUIRED = List.of("SPARKIFY_LIVE_REDSHIFT_URL", "SPARKIFY_LIVE_REDSHIFT_IAM_ROLE",
            "SPARKIFY_LIVE_SCRATCH");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = REQUIRED.stream().filter(name -> RedshiftLiveProfile.env(name, null) == null).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("live Redshift environment set");
        }
        String message = "not set: " + String.join(", ", missing) + " (docs/redshift.md, 'A check on your own "
                + "cluster or workgroup')";
        if (Boolean.getBoolean("sparkify.live.required")) {
            throw new IllegalStateException("the live Redshift check cannot run: " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }
}
