package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.suppression.*}: where the lists live and the policy thresholds. The store defaults to the
 * application's DataSource when it has one, else an H2 file (the H2 driver must be on the class path).
 */
public class SuppressionProperties {
    /** Keep suppression lists and filter every send through them. */
    private boolean enabled = true;
    /** auto (the DataSource, else an H2 file), datasource, h2 (the file below) or memory (tests only: lost on restart). */
    private StoreType store = StoreType.AUTO;
    /** The H2 database file (without .mv.db) when the store is h2, or auto without a DataSource. */
    private String h2File = "./mailgate-suppressions";
    /** Which unsubscribes leave a recipient out of a send (see ExclusionPolicy). */
    private dev.mailgate.suppression.ExclusionPolicy exclusion = dev.mailgate.suppression.ExclusionPolicy.CAMPAIGN;
    /** Soft bounces within the window that suppress an address as unreachable. */
    private int softBounceThreshold = 3;
    /** The sliding window soft bounces are counted in. */
    private java.time.Duration softBounceWindow = java.time.Duration.ofDays(30);
    /** A hard bounce unsubscribes instead of suppressing (the generic SMTP integration's rule). */
    private boolean hardBounceUnsubscribes = false;

    /** Where the suppression lists live. */
    public enum StoreType {
        /** The application's DataSource when it has one, else the H2 file. */
        AUTO,
        /** The application's DataSource (an error when it has none). */
        DATASOURCE,
        /** The H2 file of {@code h2-file}. */
        H2,
        /** In memory: lost on restart, for tests. */
        MEMORY
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public String getH2File() {
        return h2File;
    }

    public void setH2File(String h2File) {
        this.h2File = h2File;
    }

    public dev.mailgate.suppression.ExclusionPolicy getExclusion() {
        return exclusion;
    }

    public void setExclusion(dev.mailgate.suppression.ExclusionPolicy exclusion) {
        this.exclusion = exclusion;
    }

    public int getSoftBounceThreshold() {
        return softBounceThreshold;
    }

    public void setSoftBounceThreshold(int softBounceThreshold) {
        this.softBounceThreshold = softBounceThreshold;
    }

    public java.time.Duration getSoftBounceWindow() {
        return softBounceWindow;
    }

    public void setSoftBounceWindow(java.time.Duration softBounceWindow) {
        this.softBounceWindow = softBounceWindow;
    }

    public boolean isHardBounceUnsubscribes() {
        return hardBounceUnsubscribes;
    }

    public void setHardBounceUnsubscribes(boolean hardBounceUnsubscribes) {
        this.hardBounceUnsubscribes = hardBounceUnsubscribes;
    }
}
