package dev.mlops.data;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.CellText;
import dev.mlops.data.internal.FileFrameWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** Writes frames as CSV with a Commons CSV printer (minimal quoting), checking that every value reads back. */
final class CsvWriter extends FileFrameWriter {
    private final CsvSinkOptions options;
    private final CSVPrinter printer;
    private final String[] cells;

    CsvWriter(Path path, Schema schema, CsvSinkOptions options) {
        super(path, schema, options.charset());
        this.options = options;
        this.cells = new String[schema.size()];
        CSVFormat format = CSVFormat.Builder.create()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator(options.lineSeparator())
                .get();
        printer = opening(() -> {
            CSVPrinter p = new CSVPrinter(new OutputStreamWriter(output(), options.charset()), format);
            if (options.header()) {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = checked(schema.field(i).name(), schema.field(i).name(), 1);
                }
                p.printRecord((Object[]) cells);
            }
            return p;
        });
    }

    @Override
    protected void writeRows(Frame batch, long firstRow) throws IOException {
        int n = batch.rowCount();
        long line = firstRow + (options.header() ? 2 : 1);
        Column[] columns = batch.columns().toArray(Column[]::new);
        for (int r = 0; r < n; r++, line++) {
            for (int i = 0; i < columns.length; i++) {
                Column c = columns[i];
                if (c.isMissing(r)) {
                    cells[i] = options.missingToken();
                } else {
                    String text = CellText.of(c, r);
                    if (CellText.isString(c.field())) {
                        checkPresent(c.field(), text, line);
                    } else if (options.quote() == null) {
                        checked(text, c.name(), line);
                    }
                    cells[i] = text;
                }
            }
            printer.printRecord((Object[]) cells);
        }
    }

    private void checkPresent(Field field, String text, long line) {
        if (text.equals(options.missingToken())) {
            throw new DataException("A present value equal to the missing token", path.toString(), line,
                    field.name(), text, "text other than the missing token '" + options.missingToken() + "'",
                    "It would read back as missing: choose another token with missingToken(...); the file was not"
                            + " written.", null);
        }
        checked(text, field.name(), line);
    }

    /** The text, once it is known to survive the encoding and (without quoting) the splitting into fields. */
    private String checked(String text, String column, long line) {
        checkEncodable(text, column, line);
        if (options.quote() == null && (text.indexOf(options.delimiter()) >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0)) {
            throw new DataException("Text holding the delimiter or a line break, with quoting off", path.toString(),
                    line, column, text, "text without '" + options.delimiter() + "' or line breaks",
                    "Set a quote character, or another delimiter; the file was not written.", null);
        }
        return text;
    }

    @Override
    protected void flush() throws IOException {
        printer.flush();
    }
}
