package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.data.clean.CleaningStep;
import dev.mlops.data.drift.ColumnDrift;
import dev.mlops.data.drift.Drift;
import dev.mlops.data.drift.DriftReport;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.quality.LabelBalance;
import dev.mlops.data.report.DataReport;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The verify stage of the credit pipeline: profile the data, infer and check a contract, look at label balance and
 * bias (by {@code personal_status} and by age bucket, {@code class = good} favourable), split it stratified and
 * seeded, check the split for skew, and write an HTML and a JSON report.
 */
public final class VerifyStage {
    /** The seed of the split. */
    public static final long SEED = 42;
    /** The share of rows held out for test. */
    public static final double TEST_SHARE = 0.2;

    private VerifyStage() {
    }

    /**
     * Runs the stage on the credit frame, writes {@code credit-report.html}, {@code credit-report.json} and
     * {@code credit-contract.json} into {@code outputDir}, and returns the train/test split later stages go on
     * from.
     */
    public static TrainTestSplit run(Frame credit, Path outputDir) {
        Profile profile = Profile.of(credit);
        System.out.printf(Locale.ROOT, "== Verify: %d rows x %d columns profiled%n", profile.rowCount(),
                profile.columns().size());
        for (ColumnProfile c : profile.columns().values()) {
            if (c.moments().isPresent()) {
                var m = c.moments().get();
                var q = c.quantiles().orElseThrow();
                System.out.printf(Locale.ROOT, "   %-24s mean %10.2f  sd %9.2f  min %8.0f  median %8.0f  max %8.0f%n",
                        c.name(), m.mean(), m.stdDev(), m.min(), q.quantile(0.5), m.max());
            } else if (c.distinct().isPresent()) {
                var top = c.frequentItems().map(f -> f.items().get(0)).orElse(null);
                System.out.printf(Locale.ROOT, "   %-24s %3d distinct, most often '%s' (%d)%n", c.name(),
                        Math.round(c.distinct().get().estimate()), top == null ? "" : top.value(),
                        top == null ? 0 : top.estimate());
            }
        }

        Validator validator = Validator.inferFrom(credit)
                .expect("age").between(18, 100)
                .expect("duration").between(1, 120)
                .expect("credit_amount").warning().between(0, 20_000)
                .expectRows("monthly instalment below 5000", java.util.List.of("credit_amount", "duration"),
                        row -> row.getDouble("credit_amount") / row.getDouble("duration") < 5000);
        ValidationReport validation = validator.validate(credit, "credit-g.csv");
        System.out.println("   " + validation.summary().replace("\n", "\n   "));

        LabelBalance balance = LabelBalance.of(credit, "class");
        System.out.printf(Locale.ROOT, "   label balance: %s, imbalance ratio %.2f%s%n", balance.counts(),
                balance.imbalanceRatio(), balance.warning() ? " (WARNING: minority below threshold)" : "");

        Frame withAge = CleaningStep.bucketize("age", "age_group", 25, 35, 50).apply(credit);
        BiasReport byStatus = BiasReport.of(credit, "personal_status", "class", "good");
        BiasReport byAge = BiasReport.of(withAge, "age_group", "class", "good");
        System.out.print(indent(byStatus.summary()));
        System.out.print(indent(byAge.summary()));

        TrainTestSplit split = Splitter.stratified("class", TEST_SHARE, SEED).split(credit);
        System.out.printf(Locale.ROOT, "   split (stratified on class, seed %d): train %d rows %s, test %d rows %s%n",
                SEED, split.train().rowCount(), LabelBalance.of(split.train(), "class").counts(),
                split.test().rowCount(), LabelBalance.of(split.test(), "class").counts());
        DriftReport skew = Drift.compare(split.train(), split.test());
        ColumnDrift worst = null;
        for (ColumnDrift d : skew.columns()) {
            double score = Double.isNaN(d.psi()) ? d.jensenShannon() : d.psi();
            if (worst == null || score > (Double.isNaN(worst.psi()) ? worst.jensenShannon() : worst.psi())) {
                worst = d;
            }
        }
        if (worst != null) {
            System.out.printf(Locale.ROOT, "   train/test skew: largest on %s (PSI %.3f, JS %.3f)%n", worst.column(),
                    worst.psi(), worst.jensenShannon());
        }

        DataReport report = DataReport.newBuilder("German credit: verification").profile(profile)
                .validation(validation).labelBalance(balance).bias(byStatus).bias(byAge).drift(skew).build();
        Path html = outputDir.resolve("credit-report.html");
        report.writeHtml(html);
        report.writeJson(outputDir.resolve("credit-report.json"));
        try {
            Files.writeString(outputDir.resolve("credit-contract.json"), validator.contract().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the contract to " + outputDir, e);
        }
        System.out.println("   report: " + html.toAbsolutePath());
        return split;
    }

    private static String indent(String s) {
        return "   " + s.replace("\n", "\n   ").stripTrailing() + "\n";
    }
}
