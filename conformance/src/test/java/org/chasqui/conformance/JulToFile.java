package org.chasqui.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends java.util.logging (Smack's and sinttest's logs) to a file while open, instead of the
 * console: a run logs thousands of lines and stack traces, which would bury the report.
 */
final class JulToFile implements AutoCloseable {

    private final Logger root;
    private final List<Handler> previous;
    private final Level previousLevel;
    private final FileHandler file;

    private JulToFile(Logger root, List<Handler> previous, Level previousLevel, FileHandler file) {
        this.root = root;
        this.previous = previous;
        this.previousLevel = previousLevel;
        this.file = file;
    }

    static JulToFile open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Logger root = Logger.getLogger("");
        List<Handler> previous = List.of(root.getHandlers());
        FileHandler file = new FileHandler(path.toString(), false);
        file.setFormatter(new SimpleFormatter());
        file.setLevel(Level.ALL);
        for (Handler h : previous) {
            root.removeHandler(h);
        }
        root.addHandler(file);
        Level previousLevel = root.getLevel();
        root.setLevel(Level.INFO);
        return new JulToFile(root, previous, previousLevel, file);
    }

    @Override
    public void close() {
        root.removeHandler(file);
        file.close();
        previous.forEach(root::addHandler);
        root.setLevel(previousLevel);
    }
}
