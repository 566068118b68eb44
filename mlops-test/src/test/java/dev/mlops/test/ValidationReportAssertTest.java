package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import org.junit.jupiter.api.Test;

class ValidationReportAssertTest {
    private static final Frame PEOPLE = Frame.of(DoubleColumn.of("age", 30, 41, 17, 150, 55),
            DoubleColumn.of("income", 1, 2, 3, 4, 5));

    private static ValidationReport ageBetween18And100() {
        return Validator.create().expect("age").between(18, 100).expect("income").notNull().validate(PEOPLE);
    }

    @Test
    void hasViolation_theBrokenRangeOnAge_passesWithItsExactCount() {
        assertThat(ageBetween18And100()).hasViolation("age", "range").hasViolation("age", "range", 2)
                .hasNoViolationOn("income");
    }

    @Test
    void hasNoErrors_aBrokenRange_failsShowingTheCountAndTheRowsWithTheirValues() {
        assertThatThrownBy(() -> assertThat(ageBetween18And100()).hasNoErrors())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but 1 failed")
                .hasMessageContaining("range on 'age'")
                .hasMessageContaining("failing rows: 2")
                .hasMessageContaining("row 2 {age=17")
                .hasMessageContaining("row 3 {age=150");
    }

    @Test
    void hasViolation_aKindThatHeld_failsListingWhatDidFail() {
        assertThatThrownBy(() -> assertThat(ageBetween18And100()).hasViolation("income", "completeness"))
                .hasMessageContaining("Expected a failed 'completeness' constraint on column 'income'")
                .hasMessageContaining("range on 'age'");
        assertThatThrownBy(() -> assertThat(ageBetween18And100()).hasViolation("age", "range", 3))
                .hasMessageContaining("to fail on 3 rows, but it failed on 2");
    }

    @Test
    void hasNoErrors_dataWithinTheRules_passes() {
        assertThat(Validator.create().expect("income").between(0, 10).validate(PEOPLE)).hasNoErrors()
                .hasNoViolations();
    }
}
