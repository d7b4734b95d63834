package com.sparkify.warehouse.infra;

/**
 * A {@code sparkify.infra.*} setting AWS would refuse, found before any AWS call; names the setting.
 */
public class InvalidInfraSettingException extends RuntimeException {

    private final String setting;

    public InvalidInfraSettingException(String setting, String detail) {
        super(setting + ": " + detail, null, false, false);
        this.setting = setting;
    }

    /** The full setting name, e.g. {@code sparkify.infra.node-type}. */
    public String setting() {
        return setting;
    }
}
