package dev.mlops.data.internal;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.IngestReport;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Shared steps of building a source's schema: unique column names, overrides, roles, and the notes about them. */
public final class Columns {
    private Columns() {
    }

    /**
     * Makes header names usable: a blank name becomes {@code column_N} (its 1-based position), and a repeated name
     * gets a suffix {@code _2}, {@code _3}, ... Every change is noted in the report.
     */
    public static List<String> uniqueNames(List<String> raw, IngestReport.Builder report) {
        List<String> out = new ArrayList<>(raw.size());
        Set<String> used = new HashSet<>();
        Set<String> original = new HashSet<>(raw);
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i) == null ? "" : raw.get(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
                report.note("column " + (i + 1) + " has no name in the header; named it '" + name + "'");
            }
            if (used.contains(name)) {
                int k = 2;
                String candidate = name + "_" + k;
                while (used.contains(candidate) || original.contains(candidate)) {
                    k++;
                    candidate = name + "_" + k;
                }
                report.note("duplicate column name '" + name + "' at column " + (i + 1) + "; renamed it '"
                        + candidate + "'");
                name = candidate;
            }
            used.add(name);
            out.add(name);
        }
        return out;
    }

    /**
     * The schema of named columns: each type is the override when there is one, else the inferred type; roles as
     * given. The inferred types are noted in one line.
     *
     * @param names the column names in order
     * @param inferred the inferred type per column (ignored where an override exists)
     * @param types overrides by name; a name that is not a column is an error
     * @param roles roles by name; a name that is not a column is an error
     * @param sampleRows how many rows inference saw, for the note
     * @param source the source name, for messages
     * @param report where the note goes
     * @throws DataException naming the columns when an override names an unknown column
     */
    public static Schema schema(List<String> names, List<FieldType> inferred, Map<String, FieldType> types,
            Map<String, FieldRole> roles, long sampleRows, String source, IngestReport.Builder report) {
        checkKnown(names, types.keySet(), "type", source);
        checkKnown(names, roles.keySet(), "role", source);
        List<Field> fields = new ArrayList<>(names.size());
        StringJoiner note = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            FieldType override = types.get(name);
            FieldType type = override != null ? override : inferred.get(i);
            if (override == null) {
                note.add(name + "=" + TypeInference.label(type));
            }
            fields.add(new Field(name, type, true, roles.getOrDefault(name, FieldRole.FEATURE)));
        }
        if (note.length() > 0) {
            report.note("inferred column types from the first " + sampleRows + " data rows: " + note);
        }
        if (!types.isEmpty()) {
            report.note("column types set by the options: " + types);
        }
        return Schema.of(fields);
    }

    private static void checkKnown(List<String> names, Iterable<String> wanted, String what, String source) {
        for (String name : wanted) {
            if (!names.contains(name)) {
                throw new DataException("The options set a " + what + " for column '" + name + "' but " + source
                        + " has no such column; the columns are " + names + ". Fix the column name in the options.");
            }
        }
    }

    /** A per-column hint for values that do not fit an inferred type. */
    public static String[] hints(List<String> names, Map<String, FieldType> types, int sampleRows) {
        String[] hints = new String[names.size()];
        for (int i = 0; i < hints.length; i++) {
            if (!types.containsKey(names.get(i))) {
                hints[i] = "The column type was inferred from the first " + sampleRows + " rows; set it with"
                        + " type(\"" + names.get(i) + "\", ...) or raise sampleRows, or read with"
                        + " BadRowPolicy.SKIP_AND_REPORT to leave such rows out and count them.";
            }
        }
        return hints;
    }
}
