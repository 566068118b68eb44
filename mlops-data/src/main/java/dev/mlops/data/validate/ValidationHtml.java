package dev.mlops.data.validate;

import static dev.mlops.api.HtmlRenderable.escape;

import dev.mlops.api.HtmlRenderable;
import java.util.ArrayList;
import java.util.List;

/** Renders a validation report: the verdict, failed constraints first, passed ones folded away. */
final class ValidationHtml {
    private ValidationHtml() {
    }

    static String html(ValidationReport v) {
        StringBuilder h = new StringBuilder("<h3>Validation of ").append(escape(v.source())).append("</h3><div>")
                .append(v.rowCount()).append(" rows: <span class=\"").append(v.passed() ? "ok\">PASSED"
                        : "err\">FAILED").append("</span>, ").append(v.errors().size()).append(" errors, ")
                .append(v.warnings().size()).append(" warnings, ").append(v.results().size())
                .append(" constraints</div>");
        List<ConstraintResult> failed = v.results().stream().filter(r -> !r.passed()).toList();
        List<ConstraintResult> passed = v.results().stream().filter(ConstraintResult::passed).toList();
        if (!failed.isEmpty()) {
            table(h, failed);
        }
        h.append("<details><summary>").append(passed.size()).append(" passed constraints</summary>");
        table(h, passed);
        return HtmlRenderable.fragment(h.append("</details>").toString());
    }

    private static void table(StringBuilder h, List<ConstraintResult> results) {
        h.append("<table><tr><th>status</th><th>constraint</th><th>severity</th><th>observed</th>"
                + "<th>failing rows</th><th>first failing rows</th><th>what to do</th></tr>");
        for (ConstraintResult r : results) {
            String cls = r.passed() ? "ok" : r.severity() == Severity.ERROR ? "err" : "warn";
            List<String> rows = new ArrayList<>();
            for (ConstraintResult.FailingRow fr : r.sample()) {
                String value = r.column() != null && fr.values().containsKey(r.column())
                        ? " = " + fr.values().get(r.column()) : "";
                rows.add("#" + fr.row() + value);
            }
            h.append("<tr><td class=\"").append(cls).append("\">").append(r.passed() ? "pass" : "FAIL")
                    .append("</td><td>").append(escape(r.name())).append("</td><td>").append(r.severity())
                    .append("</td><td>").append(escape(r.observed())).append("</td><td class=\"num\">")
                    .append(r.failingRows()).append("</td><td>").append(escape(String.join(", ", rows)))
                    .append("</td><td>").append(escape(r.message())).append("</td></tr>");
        }
        h.append("</table>");
    }
}
