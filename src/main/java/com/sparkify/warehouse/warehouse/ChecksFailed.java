package com.sparkify.warehouse.warehouse;

import java.util.List;

/** The transform's data-quality checks found violations; the previous star schema is kept. */
public class ChecksFailed extends LoadFailure {

    private final transient List<CheckResult> checks;

    public ChecksFailed(String message, List<CheckResult> checks) {
        super(message);
        this.checks = List.copyOf(checks);
    }

    /** Every check's result, the passed ones too. */
    public List<CheckResult> checks() {
        return checks;
    }
}
