package org.chasqui.broker.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.chasqui.broker.config.ServerConfig;

/** Lets tests in other packages run {@code chasqui verify-data --data DIR}. */
public final class VerifyDataAccess {

    private VerifyDataAccess() {
    }

    public static int run(Path dataDir, PrintStream out) {
        return VerifyData.run(dataDir, ServerConfig.defaults(), out, out);
    }
}
