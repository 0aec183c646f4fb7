package a1.kernels.format;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the regrouped K-quant copies ({@link Q4_KGroups}, {@link Q5_KGroups}, {@link Q6_KGroups}) share: {@link #ROWS}
 * GGUF rows to a group (side by side in 16-bit lanes, {@link GroupLanes}), a group's super-block b stored as one
 * run of bytes, built once by handing every row's super-blocks to the format's {@link #write}.
 */
abstract class KGroups implements RowGroups {
    static final int ROWS = GroupLanes.ROWS;
    /** Weights per super-block, in every K-quant. */
    static final int BLOCK = 256;

    final MemorySegment data;
    final int groups;
    final int blocks;
    private final long blockBytes;

    /** An empty copy of the whole groups of {@code rows} rows of {@code cols}, {@code blockBytes} per group and super-block. */
    KGroups(int rows, int cols, long blockBytes) {
        this.groups = rows / ROWS;
        this.blocks = cols / BLOCK;
        this.blockBytes = blockBytes;
        this.data = Arena.ofAuto().allocate(groups * (long) blocks * blockBytes, 64);
    }

    /** Copies the grouped rows of {@code src}, whose super-blocks take {@code ggufBytes} each, through {@link #write}. */
    final void fill(MemorySegment src, int ggufBytes) {
        long rowBytes = (long) blocks * ggufBytes;
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ROWS; i++) {
                for (int b = 0; b < blocks; b++) write(src, (g * ROWS + i) * rowBytes + (long) b * ggufBytes, block(g, b), i);
            }
        }
    }

    /** Writes row {@code row}'s super-block (at byte {@code s} of {@code src}) into its group's at byte {@code o} of {@link #data}. */
    abstract void write(MemorySegment src, long s, long o, int row);

    final long block(int g, int b) {
        return (g * (long) blocks + b) * blockBytes;
    }

    @Override
    public final int rowsPerGroup() {
        return ROWS;
    }

    @Override
    public final int groups() {
        return groups;
    }
}
