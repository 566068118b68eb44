package dev.mlops.train;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Schema;
import dev.mlops.data.MemorySource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * Reads a Tribuo {@link org.tribuo.Dataset} or {@link org.tribuo.DataSource} as frames, so data that already lives in
 * Tribuo flows into profiling, validation and the rest of the SDK.
 *
 * <p>Each feature becomes a NUMERIC column, in the order features are first seen (a dataset's feature map order). A
 * feature an example does not have reads as 0, as Tribuo's sparse examples mean it. The output becomes the label
 * column (role LABEL, named {@code label} unless said otherwise): categorical for {@link Label}, numeric for a
 * one-dimensional {@link Regressor}, one numeric column per dimension ({@code label.<dimension>}) for a
 * multi-dimensional one, and the output's text for any other kind. Example weights other than 1 add a {@code weight}
 * column (role WEIGHT). Immutable; each read iterates the Tribuo source afresh (twice: once for the feature names).
 */
public final class TribuoSource implements dev.mlops.api.DataSource {
    private final String name;
    private final Iterable<? extends Example<?>> examples;
    private final String labelColumn;

    private TribuoSource(String name, Iterable<? extends Example<?>> examples, String labelColumn) {
        this.name = name;
        this.examples = examples;
        this.labelColumn = labelColumn;
    }

    /** A source over the examples of a Tribuo dataset. */
    public static TribuoSource of(org.tribuo.Dataset<?> dataset) {
        return new TribuoSource("tribuo dataset " + dataset.getSourceProvenance().getClassName(), dataset, "label");
    }

    /** A source over a Tribuo data source (a CSV loader, a SQL source, ...), iterated on each read. */
    public static TribuoSource of(org.tribuo.DataSource<?> source) {
        return new TribuoSource("tribuo source " + source.getClass().getSimpleName(), source, "label");
    }

    /** This source with the output column under another name. */
    public TribuoSource withLabelColumn(String column) {
        Objects.requireNonNull(column, "column");
        return column.equals(labelColumn) ? this : new TribuoSource(name, examples, column);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FrameBatches batches(int rowsPerBatch) {
        Shape shape = new Shape();
        return MemorySource.fromRowStream(name, shape.schema(), () -> shape.rows(examples.iterator()),
                BadRowPolicy.FAIL_FAST, "read " + shape.features.size() + " Tribuo features as numeric columns;"
                        + " absent features read as 0").batches(rowsPerBatch);
    }

    /** The shape of the data, found in a first pass: feature names, output kind and whether weights vary. */
    private final class Shape {
        final Map<String, Integer> features = new LinkedHashMap<>();
        final List<String> dimensions = new ArrayList<>();
        Class<?> outputKind;
        boolean weighted;

        Shape() {
            for (Example<?> e : examples) {
                for (org.tribuo.Feature f : e) {
                    features.putIfAbsent(f.getName(), features.size());
                }
                if (outputKind == null) {
                    outputKind = e.getOutput().getClass();
                    if (e.getOutput() instanceof Regressor r) {
                        dimensions.addAll(List.of(r.getNames()));
                    }
                }
                weighted |= e.getWeight() != 1f;
            }
            if (features.containsKey(labelColumn) || features.containsKey("weight")) {
                throw new DataException("A Tribuo feature is named '" + (features.containsKey(labelColumn) ? labelColumn
                        : "weight") + "', the name of the output or weight column in " + name
                        + "; choose another label column with withLabelColumn(...)");
            }
        }

        Schema schema() {
            List<Field> fields = new ArrayList<>();
            features.keySet().forEach(f -> fields.add(Field.numeric(f)));
            for (String column : outputColumns()) {
                fields.add(new Field(column, outputType(), true, FieldRole.LABEL));
            }
            if (weighted) {
                fields.add(new Field("weight", FieldType.NUMERIC, false, FieldRole.WEIGHT));
            }
            return Schema.of(fields);
        }

        List<String> outputColumns() {
            if (outputKind == null) {
                return List.of();
            }
            if (Regressor.class.isAssignableFrom(outputKind) && dimensions.size() > 1) {
                return dimensions.stream().map(d -> labelColumn + "." + d).toList();
            }
            return List.of(labelColumn);
        }

        /** The examples as rows in the schema's order: features (absent ones 0), outputs, then the weight. */
        Iterator<Object[]> rows(Iterator<? extends Example<?>> it) {
            int width = features.size();
            int outputs = outputColumns().size();
            boolean numericOutput = outputType() == FieldType.NUMERIC;
            return new Iterator<>() {
                private long read;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object[] next() {
                    Example<?> e = it.next();
                    read++;
                    Object[] row = new Object[width + outputs + (weighted ? 1 : 0)];
                    java.util.Arrays.fill(row, 0, width, 0.0);
                    for (org.tribuo.Feature f : e) {
                        Integer c = features.get(f.getName());
                        if (c == null) {
                            throw new DataException("Example " + read + " of " + name + " has feature '"
                                    + f.getName() + "', which the first pass did not see; the Tribuo source must"
                                    + " give the same examples on every iteration");
                        }
                        row[c] = f.getValue();
                    }
                    Output<?> out = e.getOutput();
                    if (outputs > 0 && !numericOutput) {
                        row[width] = out instanceof Label l ? l.getLabel() : out.getSerializableForm(false);
                    } else if (out instanceof Regressor reg) {
                        double[] v = reg.getValues();
                        for (int k = 0; k < outputs; k++) {
                            row[width + k] = k < v.length ? v[k] : null;
                        }
                    }
                    if (weighted) {
                        row[width + outputs] = (double) e.getWeight();
                    }
                    return row;
                }
            };
        }

        FieldType outputType() {
            return outputKind != null && Regressor.class.isAssignableFrom(outputKind) ? FieldType.NUMERIC
                    : FieldType.CATEGORICAL;
        }
    }
}
