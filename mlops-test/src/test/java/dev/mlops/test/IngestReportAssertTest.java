package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.IngestReport;
import dev.mlops.api.RejectReason;
import org.junit.jupiter.api.Test;

class IngestReportAssertTest {
    private static IngestReport withRejection() {
        return IngestReport.newBuilder("people.csv").accept(9)
                .reject(7, "age", "forty", RejectReason.BAD_NUMBER, "not a number").build();
    }

    @Test
    void rejectedNothing_cleanRead_passes() {
        assertThat(IngestReport.newBuilder("people.csv").accept(10).build()).rejectedNothing().accepted(10);
    }

    @Test
    void rejectedNothing_aRejectedRow_failsNamingTheCountsLineColumnAndValue() {
        assertThatThrownBy(() -> assertThat(withRejection()).rejectedNothing())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("people.csv to reject no rows, but it rejected 1 of 10")
                .hasMessageContaining("line 7").hasMessageContaining("age").hasMessageContaining("forty");
    }

    @Test
    void rejectedFor_theReasonOfTheRejection_passesAndAnotherFails() {
        assertThat(withRejection()).rejected(1).rejectedFor(RejectReason.BAD_NUMBER);
        assertThatThrownBy(() -> assertThat(withRejection()).rejectedFor(RejectReason.RAGGED_ROW))
                .hasMessageContaining("ragged-row").hasMessageContaining("{bad-number=1}");
    }
}
