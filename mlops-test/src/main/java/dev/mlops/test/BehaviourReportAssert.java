package dev.mlops.test;

import org.assertj.core.api.AbstractObjectAssert;

/** Assertions on behavioural checks; a failure message is the report's summary, failing rows included. */
public final class BehaviourReportAssert extends AbstractObjectAssert<BehaviourReportAssert, BehaviourReport> {

    BehaviourReportAssert(BehaviourReport actual) {
        super(actual, BehaviourReportAssert.class);
    }

    /** Every check passed. */
    public BehaviourReportAssert allChecksPassed() {
        isNotNull();
        if (!actual.passed()) {
            failWithMessage("Expected every behavioural check to pass, but %d of %d failed.%n%s",
                    actual.failures().size(), actual.checks().size(), actual.summary());
        }
        return this;
    }

    /** The check with this name failed (for tests of the checks themselves, or of a known weakness). */
    public BehaviourReportAssert failedCheck(String name) {
        isNotNull();
        BehaviourReport.CheckResult r = actual.check(name).orElse(null);
        if (r == null) {
            failWithMessage("Expected a check named '%s', but the checks are %s", name,
                    actual.checks().stream().map(BehaviourReport.CheckResult::name).toList());
        } else if (r.passed()) {
            failWithMessage("Expected check '%s' to fail, but it passed: %s", name, r.detail());
        }
        return this;
    }
}
