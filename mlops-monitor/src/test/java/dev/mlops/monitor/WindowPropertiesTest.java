package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.Frame;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Moments;
import dev.mlops.data.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The algebra of windows: merges are exact, and a snapshot taken mid-window continues as if never interrupted. */
class WindowPropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static void assertSameStatistics(Profile expected, Profile actual) {
        assertEquals(expected.rowCount(), actual.rowCount());
        for (ColumnProfile e : expected.columns().values()) {
            ColumnProfile a = actual.column(e.name());
            assertEquals(e.count(), a.count(), e.name());
            assertEquals(e.missing(), a.missing(), e.name());
            if (e.moments().isPresent()) {
                Moments me = e.moments().get();
                Moments ma = a.moments().get();
                assertEquals(me.count(), ma.count());
                assertEquals(me.mean(), ma.mean(), 1e-9 * (1 + Math.abs(me.mean())));
                assertEquals(me.m2(), ma.m2(), 1e-8 * (1 + me.m2()));
                assertEquals(me.min(), ma.min());
                assertEquals(me.max(), ma.max());
                assertEquals(e.quantiles().get().n(), a.quantiles().get().n());
            }
            e.frequentItems().ifPresent(f -> assertEquals(f.items(), a.frequentItems().get().items()));
        }
    }

    @Test
    void rowWindows_mergedBackTogether_equalTheProfileOfAllRows() {
        qt().withExamples(30).forAll(integers().between(1, 400), integers().between(1, 60), longs().all())
                .checkAssert((rows, window, seed) -> {
                    Frame data = Samples.inputs(rows, seed, 0, 0);
                    DriftMonitor m = DriftMonitor.against(Profile.of(Samples.inputs(50, 1, 0, 0)))
                            .windowRows(window).build();
                    Random r = new Random(seed);
                    int at = 0;
                    while (at < rows) {
                        int n = Math.min(rows - at, 1 + r.nextInt(50));
                        m.observe(data.slice(at, at + n), WindowsTest.NONE, T0.plusSeconds(at));
                        at += n;
                    }
                    m.flush();
                    List<Window> ws = m.windows();
                    Window all = ws.get(0);
                    for (int i = 1; i < ws.size(); i++) {
                        all = all.merge(ws.get(i));
                    }
                    assertEquals((rows + window - 1) / window, ws.size());
                    assertSameStatistics(Profile.of(data), all.profile());
                });
    }

    @Test
    void windowMerge_isAssociative() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Window a = window("a", Samples.inputs(30, seed, 0, 0));
            Window b = window("b", Samples.inputs(17, seed + 1, 0.5, 0.1));
            Window c = window("c", Samples.inputs(41, seed + 2, -1, -0.1));
            Window left = a.merge(b).merge(c);
            Window right = a.merge(b.merge(c));
            assertSameStatistics(left.profile(), right.profile());
            assertEquals(left.key(), right.key());
        });
    }

    @Test
    void snapshot_midWindow_restoresAndContinuesLikeAnUninterruptedMonitor() {
        qt().withExamples(25).forAll(integers().between(2, 300), integers().between(1, 299), longs().all())
                .checkAssert((rows, cutAt, seed) -> {
                    int cut = Math.min(cutAt, rows - 1);
                    Frame data = Samples.inputs(rows, seed, 0, 0);
                    Profile ref = Profile.of(Samples.inputs(50, 1, 0, 0));
                    TestClock clock = new TestClock(T0);
                    WindowSpec spec = WindowSpec.tumbling(Duration.ofSeconds(60));
                    DriftMonitor straight = DriftMonitor.against(ref).window(spec).clock(clock).build();
                    DriftMonitor first = DriftMonitor.against(ref).window(spec).clock(clock).build();
                    for (int i = 0; i < cut; i++) {
                        straight.observe(data.slice(i, i + 1), WindowsTest.NONE, T0.plusSeconds(i));
                        first.observe(data.slice(i, i + 1), WindowsTest.NONE, T0.plusSeconds(i));
                    }
                    String snapshot = first.snapshot();
                    first.close();
                    DriftMonitor second = DriftMonitor.against(ref).window(spec).clock(clock).restore(snapshot)
                            .build();
                    for (int i = cut; i < rows; i++) {
                        straight.observe(data.slice(i, i + 1), WindowsTest.NONE, T0.plusSeconds(i));
                        second.observe(data.slice(i, i + 1), WindowsTest.NONE, T0.plusSeconds(i));
                    }
                    clock.set(T0.plusSeconds(rows + 60));
                    List<WindowReport> a = straight.advance();
                    List<WindowReport> b = second.advance();
                    assertEquals(a.size(), b.size());
                    for (int i = 0; i < a.size(); i++) {
                        assertEquals(a.get(i).key(), b.get(i).key());
                        assertEquals(a.get(i).rows(), b.get(i).rows());
                        assertSameStatistics(straight.windows().get(i).profile(), second.windows().get(i).profile());
                    }
                });
    }

    private static Window window(String key, Frame f) {
        return new Window(key, T0, T0, Profile.of(f));
    }
}
