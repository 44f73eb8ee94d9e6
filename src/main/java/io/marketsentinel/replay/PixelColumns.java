package io.marketsentinel.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * What of a long series a chart can show: per pixel column of the time axis, the first, lowest, highest
 * and last point, in time order (the M4 reduction). The line drawn through them covers the same pixels
 * as the line through every point, with a few thousand points instead of a hundred thousand — the
 * drawing time and the SVG's size follow.
 */
final class PixelColumns {

    private PixelColumns() {
    }

    /** The indices to keep of points at times {@code xs} (ascending) with values {@code ys}. */
    static List<Integer> keep(long[] xs, double[] ys, int columns) {
        List<Integer> kept = new ArrayList<>();
        int n = xs.length;
        if (n <= 4L * columns) {
            for (int i = 0; i < n; i++) {
                kept.add(i);
            }
            return kept;
        }
        double span = Math.max(1, xs[n - 1] - xs[0]);
        int i = 0;
        while (i < n) {
            long column = (long) ((xs[i] - xs[0]) / span * (columns - 1));
            int first = i;
            int low = i;
            int high = i;
            int last = i;
            while (i < n && (long) ((xs[i] - xs[0]) / span * (columns - 1)) == column) {
                low = ys[i] < ys[low] ? i : low;
                high = ys[i] > ys[high] ? i : high;
                last = i;
                i++;
            }
            int[] four = {first, Math.min(low, high), Math.max(low, high), last};
            int previous = -1;
            for (int index : four) {
                if (index != previous) {
                    kept.add(index);
                    previous = index;
                }
            }
        }
        return kept;
    }
}
