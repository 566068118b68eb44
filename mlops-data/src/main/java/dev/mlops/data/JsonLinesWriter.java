package dev.mlops.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import dev.mlops.data.internal.CellText;
import dev.mlops.data.internal.FileFrameWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes frames as JSON Lines with Jackson's streaming generator: one object per row, every key, null for missing. */
final class JsonLinesWriter extends FileFrameWriter {
    /** Shortest doubles (Schubfach); characters beyond the BMP as UTF-8, not as escaped surrogate pairs. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final JsonGenerator generator;
    private final SerializedString[] keys;

    JsonLinesWriter(Path path, Schema schema) {
        super(path, schema, StandardCharsets.UTF_8);
        keys = new SerializedString[schema.size()];
        generator = opening(() -> {
            for (int i = 0; i < keys.length; i++) {
                String name = schema.field(i).name();
                checkEncodable(name, name, 1);
                keys[i] = new SerializedString(name);
            }
            JsonGenerator g = JSON.createGenerator(output(), JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
            return g;
        });
    }

    @Override
    protected void writeRows(Frame batch, long firstRow) throws IOException {
        JsonGenerator g = generator;
        Column[] columns = batch.columns().toArray(Column[]::new);
        int n = batch.rowCount();
        for (int r = 0; r < n; r++) {
            g.writeStartObject();
            for (int i = 0; i < columns.length; i++) {
                g.writeFieldName(keys[i]);
                Column c = columns[i];
                if (c.isMissing(r)) {
                    g.writeNull();
                } else if (c instanceof DoubleColumn d) {
                    g.writeNumber(d.getDouble(r));
                } else if (c instanceof LongColumn l) {
                    if (l.type() == FieldType.TIMESTAMP) {
                        g.writeString(CellText.timestamp(l.getLong(r)));
                    } else {
                        g.writeNumber(l.getLong(r));
                    }
                } else if (c instanceof BooleanColumn b) {
                    g.writeBoolean(b.getBoolean(r));
                } else {
                    String text = c instanceof CategoricalColumn k ? k.getString(r) : ((TextColumn) c).getString(r);
                    checkEncodable(text, c.name(), firstRow + r + 1);
                    g.writeString(text);
                }
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    @Override
    protected void flush() throws IOException {
        generator.flush();
    }
}
