package dev.mlops.data.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    /** Margins of the first format (10 % of the span) and distribution rules from two values, for tiny frames. */
    static final InferenceOptions TIGHT = new InferenceOptions(0.1, 50, 10, 0.05, 0.999, 2);

    static Frame people() {
        return Frame.of(LongColumn.of("customer_id", 1, 2, 3, 4, 5, 6),
                DoubleColumn.of("age", 25, 40, 33, Double.NaN, 61, 19),
                CategoricalColumn.of("housing", "own", "rent", "own", "free", "own", "rent"),
                TextColumn.of("email", "a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org", "f@x.org"),
                DoubleColumn.of("income", 10, 20, 30, 40, 50, 60),
                DoubleColumn.of("debt", 1, 2, 3, 4, 5, 6));
    }

    static Frame bad() {
        return Frame.of(LongColumn.of("customer_id", 1, 2, 2, 4),
                DoubleColumn.of("age", 15, 40, Double.NaN, 130),
                CategoricalColumn.of("housing", "own", "castle", "own", "boat"),
                TextColumn.of("email", "a@x.org", "nope", "c@x.org", null),
                DoubleColumn.of("income", 10, 20, 30, 40),
                DoubleColumn.of("debt", 1, 50, 3, 4));
    }

    @Test
    void inferFrom_reference_passesOnItself() {
        ValidationReport r = Validator.inferFrom(people()).validate(people());
        assertTrue(r.passed(), r.summary());
        assertTrue(r.warnings().isEmpty(), r.summary());
    }

    @Test
    void designAim_inferExpectValidate_reads() {
        ValidationReport checks = Validator.inferFrom(people()).expect("age").between(18, 100).validate(people());
        assertTrue(checks.passed());
        assertTrue(checks.result("age between 18 and 100").isPresent());
    }

    @Test
    void inferFrom_infersTypesRangesDomainsUniquenessAndRowCount() {
        Contract c = Contract.inferFrom(people());
        assertTrue(c.constraints().contains(new Constraint.TypeIs("age", FieldType.NUMERIC, Severity.ERROR)));
        // ages 19..61 (real numbers without a 0, so no floor at 0): span 42, margin 3 spans each side; only 5
        // values, so the range is a warning and there is no mean rule (decision 081)
        assertTrue(c.constraints().contains(new Constraint.Range("age", 19 - 3 * 42, 61 + 3 * 42, Severity.WARNING)),
                c.constraintsOn("age").toString());
        assertTrue(c.constraintsOn("age").stream().noneMatch(x -> x instanceof Constraint.Mean));
        assertTrue(c.constraints().contains(new Constraint.Finite("age", Severity.ERROR)));
        // 1 of 6 missing: the share rule keeps both counts and tests each frame against its own size
        // the contract's confidence 0.99 is shared among its 8 sampling rules (6 missing shares, 2 new-value shares)
        double each = 1 - (1 - 0.99) / 8;
        assertTrue(c.constraints().contains(new Constraint.MissingShare("age", 6, 1, 0.05, each, Severity.ERROR)));
        assertTrue(c.constraints().contains(new Constraint.AllowedValues("housing", List.of("free", "own", "rent"),
                Severity.WARNING)));
        assertTrue(c.constraints().contains(new Constraint.NewValueShare("housing", List.of("free", "own", "rent"),
                6, 1, 0.05, each, Severity.ERROR)));
        assertTrue(c.constraints().contains(new Constraint.Unique("customer_id", Severity.ERROR)));
        assertTrue(c.constraints().contains(new Constraint.RowCount(0, 60, Severity.WARNING)));
        // integers round outwards: 1..6, span 5, margin 15
        assertTrue(c.constraints().contains(new Constraint.Range("customer_id", 0, 21, Severity.WARNING)));
    }

    @Test
    void inferFrom_tightOptions_keepTheFirstFormatsMargins() {
        Contract c = Contract.inferFrom(people(), TIGHT);
        // ages 19..61: span 42, margin 10% = 4.2 each side, an error because TIGHT asks for only 2 values
        assertTrue(c.constraints().contains(new Constraint.Range("age", 19 - 4.2, 61 + 4.2, Severity.ERROR)),
                c.constraintsOn("age").toString());
        Constraint.Mean mean = (Constraint.Mean) c.constraintsOn("age").stream()
                .filter(x -> x instanceof Constraint.Mean).findFirst().orElseThrow();
        assertEquals(35.6, mean.mean(), 1e-12);
        assertEquals(5, mean.referenceValues());
    }

    @Test
    void inferFrom_credit_eachNumberGetsAnErrorRangeAMeanAndFiniteness() {
        Frame credit = dev.mlops.data.CsvSource.of(java.nio.file.Path.of(
                "../samples/src/main/resources/datasets/credit-g.csv")).read();
        Contract c = Contract.inferFrom(credit);
        List<Constraint> age = c.constraintsOn("age");
        // ages 19..75 in 1000 rows: [max(19 - 3 * 56, 0), 75 + 3 * 56]
        assertTrue(age.contains(new Constraint.Range("age", 0, 75 + 3 * 56, Severity.ERROR)), age.toString());
        assertTrue(age.stream().anyMatch(x -> x instanceof Constraint.Mean m && m.referenceValues() == 1000));
        assertTrue(Validator.of(c).validate(credit).passed());
        assertTrue(Validator.of(c).validate(credit).warnings().isEmpty());
    }

    @Test
    void inferFrom_finiteReference_infinitiesInNewDataAreAnError() {
        double[] ref = new double[40];
        java.util.Arrays.setAll(ref, i -> i);
        Validator v = Validator.inferFrom(Frame.of(DoubleColumn.of("x", ref)));
        double[] next = ref.clone();
        next[3] = Double.POSITIVE_INFINITY;
        next[7] = Double.NEGATIVE_INFINITY;
        ValidationReport r = v.validate(Frame.of(DoubleColumn.of("x", next)));
        ConstraintResult finite = find(r, "x is finite");
        assertFalse(finite.passed());
        assertEquals(Severity.ERROR, finite.severity());
        assertEquals(2, finite.failingRows());
        assertEquals(3, finite.sample().get(0).row());
        assertFalse(Validator.create().expect("x").finite().validate(Frame.of(DoubleColumn.of("x", next))).passed());
        // a reference that already held infinities gets no finiteness rule
        next[20] = Double.NaN;
        assertTrue(Contract.inferFrom(Frame.of(DoubleColumn.of("x", next))).constraintsOn("x").stream()
                .noneMatch(c -> c instanceof Constraint.Finite));
    }

    @Test
    void inferredShares_judgeEachFrameByItsOwnSize() {
        // 10 % missing in 1000 reference rows
        Constraint.MissingShare rule = new Constraint.MissingShare("x", 1000, 100, 0.05, 0.999, Severity.ERROR);
        Validator v = Validator.create().with(rule);
        // 4 of 10 missing is chance for 10 rows; 400 of 1000 is not
        assertTrue(v.validate(Frame.of(DoubleColumn.of("x", withMissing(10, 4)))).passed());
        ValidationReport big = v.validate(Frame.of(DoubleColumn.of("x", withMissing(1000, 400))));
        assertFalse(big.passed());
        assertTrue(big.errors().get(0).observed().startsWith("400 of 1000 missing (40.00%)"),
                big.errors().get(0).observed());
        // an explicit notNull() replaces the inferred share rule
        Validator strict = Validator.inferFrom(people()).expect("age").notNull();
        assertTrue(strict.contract().constraintsOn("age").stream()
                .noneMatch(c -> c instanceof Constraint.MissingShare));
    }

    @Test
    void inferredNewValueShare_renamedCategoryIsAnError_aRareNewOneAWarning() {
        String[] ref = new String[300];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i % 3 == 0 ? "own" : i % 3 == 1 ? "rent" : "free";
        }
        Validator v = Validator.inferFrom(Frame.of(CategoricalColumn.of("housing", ref)));
        String[] oneNew = ref.clone();
        oneNew[5] = "castle";
        ValidationReport r = v.validate(Frame.of(CategoricalColumn.of("housing", oneNew)));
        assertTrue(r.passed(), r.summary());
        assertEquals(1, find(r, "housing in").failingRows());
        assertEquals(Severity.WARNING, find(r, "housing in").severity());
        String[] renamed = ref.clone();
        for (int i = 0; i < renamed.length; i++) {
            renamed[i] = renamed[i].equals("own") ? "owner" : renamed[i];
        }
        ValidationReport bad = v.validate(Frame.of(CategoricalColumn.of("housing", renamed)));
        assertFalse(bad.passed());
        assertTrue(find(bad, "housing mostly of").observed().contains("[owner]"), bad.summary());
    }

    static double[] withMissing(int n, int missing) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < missing ? Double.NaN : i;
        }
        return v;
    }

    @Test
    void contract_jsonRoundTrip_andHandEdit() {
        Contract c = Contract.inferFrom(people(), TIGHT);
        assertEquals(c, Contract.fromJson(c.toJson()));
        assertEquals(Contract.inferFrom(people()), Contract.fromJson(Contract.inferFrom(people()).toJson()));
        String edited = c.toJson().replace("\"max\" : 65.2", "\"max\" : 30.0");
        ValidationReport r = Validator.of(Contract.fromJson(edited)).validate(people());
        assertEquals(3, r.result("age between 14.8 and 30").orElseThrow().failingRows()); // 40, 33, 61
    }

    @Test
    void validate_badFrame_countsEveryFailureExactly() {
        Validator v = Validator.inferFrom(people(), TIGHT)
                .expect("email").matches("[^@]+@[^@]+")
                .expect("age").notNull()
                .expectRows("debt below income", List.of("income", "debt"),
                        row -> row.getDouble("debt") < row.getDouble("income"));
        ValidationReport r = v.validate(bad(), "bad.csv");
        assertFalse(r.passed());
        assertEquals(1, failing(r, "age between"));          // 130; 15 is inside the inferred [14.8, 65.2]
        assertEquals(1, failing(r, "age is never missing"));
        assertEquals(2, failing(r, "housing in"));           // castle, boat
        assertEquals(2, failing(r, "customer_id is unique")); // both rows holding 2
        assertEquals(1, failing(r, "email matches"));        // "nope"; the missing one is completeness's
        assertEquals(1, failing(r, "debt below income"));
        ConstraintResult housing = find(r, "housing in");
        assertTrue(housing.observed().contains("[boat, castle]"), housing.observed());
        assertEquals(1, housing.sample().get(0).row());
        assertEquals("castle", housing.sample().get(0).values().get("housing"));
        ValidationException e = assertThrows(ValidationException.class, r::orThrow);
        assertTrue(e.getMessage().contains("bad.csv"));
        assertTrue(e.getMessage().contains("housing in"));
    }

    @Test
    void validate_sampleSize_boundsTheSample() {
        double[] v = new double[100];
        java.util.Arrays.fill(v, 500);
        ValidationReport r = Validator.create().withSampleSize(3).expect("x").between(0, 1)
                .validate(Frame.of(DoubleColumn.of("x", v)));
        assertEquals(100, r.results().get(0).failingRows());
        assertEquals(3, r.results().get(0).sample().size());
    }

    @Test
    void warning_failureDoesNotThrow() {
        ValidationReport r = Validator.create().expect("age").warning().between(0, 50).validate(people());
        assertTrue(r.passed());
        assertEquals(1, r.warnings().size());
        r.orThrow();
    }

    @Test
    void cardinalityRowCountTypeAndAbsentColumns_areFrameLevel() {
        ValidationReport r = Validator.create()
                .expect("housing").cardinalityBetween(1, 2)
                .expectRowCount(10, 20)
                .expect("age").hasType(FieldType.INTEGER)
                .expect("nope").notNull()
                .validate(people());
        assertEquals(4, r.errors().size());
        assertEquals("3 distinct values", find(r, "housing has").observed());
        assertTrue(find(r, "nope").message().contains("no column 'nope'"));
    }

    @Test
    void maxMissingShare_andValuePredicateAndRowPredicate() {
        ValidationReport r = Validator.create()
                .expect("age").maxMissingShare(0.1)
                .expect("income").satisfies("is a multiple of 20", x -> x % 20 == 0)
                .expectRow("age known or income high", row -> !row.isMissing("age") || row.getDouble("income") > 100)
                .validate(people());
        assertEquals("1 missing (16.67%)", find(r, "age is missing").observed());
        assertFalse(find(r, "age is missing").passed());
        assertEquals(3, failing(r, "income is a multiple"));
        assertEquals(1, failing(r, "age known"));
    }

    @Test
    void freshness_againstInjectedClock() {
        Frame f = Frame.of(LongColumn.ofInstants("ts", Instant.parse("2024-05-01T10:00:00Z"), null,
                Instant.parse("2024-05-01T12:00:00Z")));
        Validator v = Validator.create().expect("ts").freshWithin(Duration.ofHours(24));
        Clock soon = Clock.fixed(Instant.parse("2024-05-02T11:00:00Z"), ZoneOffset.UTC);
        Clock late = Clock.fixed(Instant.parse("2024-05-02T12:00:01Z"), ZoneOffset.UTC);
        assertTrue(v.withClock(soon).validate(f).passed());
        ValidationReport r = v.withClock(late).validate(f);
        assertFalse(r.passed());
        assertTrue(r.results().get(0).observed().contains("PT24H1S"), r.results().get(0).observed());
        assertFalse(v.withClock(soon).validate(f.slice(1, 2)).passed()); // only a missing timestamp
    }

    @Test
    void quarantine_splitsRowsAndNamesBrokenConstraints() {
        Quarantine q = Validator.inferFrom(people(), TIGHT).quarantine(bad());
        assertEquals(bad().rowCount(), q.valid().rowCount() + q.invalid().rowCount());
        // row 0 is fine (15 is inside the inferred age range); 1: castle, unknown email, duplicate id;
        // 2: duplicate id; 3: age 130, boat. The missing age of row 2 is within the inferred missing share.
        assertEquals(1, q.valid().rowCount());
        assertEquals(List.of(1, 2, 3), q.violations().stream().map(Quarantine.RowViolations::row).toList());
        Quarantine.RowViolations row1 = q.violations().get(0);
        assertEquals(1, row1.row());
        assertTrue(row1.constraints().stream().anyMatch(s -> s.startsWith("housing in")), row1.toString());
        assertTrue(row1.constraints().stream().anyMatch(s -> s.startsWith("customer_id is unique")));
        assertTrue(row1.constraints().stream().anyMatch(s -> s.startsWith("email in")));
        String why = q.invalid().text(Quarantine.VIOLATIONS_COLUMN).getString(0);
        assertTrue(why.contains("housing in"), why);
        Quarantine clean = Validator.inferFrom(people()).quarantine(people());
        assertEquals(6, clean.valid().rowCount());
        assertEquals(0, clean.invalid().rowCount());
    }

    @Test
    void report_jsonRoundTrip() {
        ValidationReport r = Validator.inferFrom(people(), TIGHT).validate(bad(), "bad");
        assertEquals(r, ValidationReport.fromJson(r.toJson()));
    }

    @Test
    void later_expectation_replacesInferredRule() {
        Validator v = Validator.inferFrom(people()).expect("age").between(0, 200);
        long ranges = v.contract().constraintsOn("age").stream().filter(c -> c instanceof Constraint.Range).count();
        assertEquals(1, ranges);
        assertTrue(v.without("age").contract().constraintsOn("age").isEmpty());
    }

    @Test
    void emptyFrame_inferAndValidate() {
        Frame empty = people().head(0);
        ValidationReport r = Validator.inferFrom(empty).validate(empty);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void inferenceOptions_jsonRoundTrip() {
        InferenceOptions o = new InferenceOptions(0.2, 10, 3, 0.01);
        assertEquals(o, InferenceOptions.fromJson(o.toJson()));
        assertEquals(TIGHT, InferenceOptions.fromJson(TIGHT.toJson()));
        // options saved before confidence and minDistributionValues existed read with their defaults
        InferenceOptions old = InferenceOptions.fromJson("{\"rangeMargin\": 0.2, \"maxCategories\": 10,"
                + " \"rowCountFactor\": 3, \"missingShareSlack\": 0.01}");
        assertEquals(o, old);
        assertEquals(0.99, old.confidence());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withConfidence(1));
        assertTrue(e.getMessage().contains("confidence")
                && e.getMessage().contains("got 1.0")
                && e.getMessage().contains("(0.5, 1)"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new InferenceOptions(-1, 10, 3, 0));
        assertTrue(e2.getMessage().contains("rangeMargin")
                && e2.getMessage().contains("got -1.0")
                && e2.getMessage().contains("at least 0"), e2.getMessage());
    }

    @Test
    void inferenceOptionsBuilder_setsEverySetting_andRoundTripsThroughJson() {
        InferenceOptions o = InferenceOptions.newBuilder().rangeMargin(0.1).maxCategories(50).rowCountFactor(10)
                .missingShareSlack(0.05).confidence(0.999).minDistributionValues(2).build();
        assertEquals(TIGHT, o);
        assertEquals(o, InferenceOptions.fromJson(o.toJson()));
        assertEquals(InferenceOptions.DEFAULTS, InferenceOptions.newBuilder().build());
        assertEquals(InferenceOptions.DEFAULTS, InferenceOptions.defaults());
        assertEquals(o.withConfidence(0.9), o.toBuilder().confidence(0.9).build());
    }

    @Test
    void inferenceOptionsBuilder_outOfRange_namesTheSettingTheValueAndTheRange() {
        Map<String, Supplier<InferenceOptions>> bad = new LinkedHashMap<>();
        bad.put("rangeMargin must be at least 0, got NaN",
                () -> InferenceOptions.newBuilder().rangeMargin(Double.NaN).build());
        bad.put("maxCategories must be at least 0, got -1",
                () -> InferenceOptions.newBuilder().maxCategories(-1).build());
        bad.put("rowCountFactor must be at least 1, got 0.5",
                () -> InferenceOptions.newBuilder().rowCountFactor(0.5).build());
        bad.put("missingShareSlack must be at least 0, got -0.1",
                () -> InferenceOptions.newBuilder().missingShareSlack(-0.1).build());
        bad.put("confidence must be in (0.5, 1), got 0.5", () -> InferenceOptions.newBuilder().confidence(0.5).build());
        bad.put("minDistributionValues must be at least 2, got 1",
                () -> InferenceOptions.newBuilder().minDistributionValues(1).build());
        bad.forEach((message, build) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
            assertTrue(e.getMessage().contains("InferenceOptions." + message), e.getMessage());
        });
    }

    private static ConstraintResult find(ValidationReport r, String prefix) {
        return r.results().stream().filter(x -> x.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + prefix + " in " + r.summary()));
    }

    private static long failing(ValidationReport r, String prefix) {
        return find(r, prefix).failingRows();
    }
}
