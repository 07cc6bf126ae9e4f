package dev.mailgate.springboot.autoconfigure.properties;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Every setting under {@code mailgate.*}. The provider groups ({@code mailgate.smtp}, {@code mailgate.episerver},
 * {@code mailgate.cloudmailin}) carry the providers' own string keys (those of {@code MailProvider.configKeys()}),
 * so a property file written for the provider SPI works unchanged; a provider added later is configured under
 * {@code mailgate.providers.<id>.<key>} until it gets a typed group.
 */
@ConfigurationProperties(prefix = "mailgate")
public class MailgateProperties {
    /**
     * The provider the Transport sends through: smtp, episerver, cloudmailin, or the id of any MailProvider on the
     * class path (configured under mailgate.providers.<id>). Without it, smtp is used when mailgate.smtp.host is set.
     */
    private String provider;

    @NestedConfigurationProperty
    private SmtpProperties smtp = new SmtpProperties();

    @NestedConfigurationProperty
    private EpiserverProperties episerver = new EpiserverProperties();

    @NestedConfigurationProperty
    private CloudMailinProperties cloudmailin = new CloudMailinProperties();

    /** Settings of providers without a typed group, by provider id, with the provider's own keys. */
    private Map<String, Map<String, String>> providers = new LinkedHashMap<>();

    @NestedConfigurationProperty
    private SuppressionProperties suppression = new SuppressionProperties();

    @NestedConfigurationProperty
    private BounceMailboxProperties bounce = new BounceMailboxProperties();

    @NestedConfigurationProperty
    private CallbackProperties callback = new CallbackProperties();

    @NestedConfigurationProperty
    private WebhookProperties webhook = new WebhookProperties();

    @NestedConfigurationProperty
    private UnsubscribeProperties unsubscribe = new UnsubscribeProperties();

    @NestedConfigurationProperty
    private HealthProperties health = new HealthProperties();

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public SmtpProperties getSmtp() {
        return smtp;
    }

    public void setSmtp(SmtpProperties smtp) {
        this.smtp = smtp;
    }

    public EpiserverProperties getEpiserver() {
        return episerver;
    }

    public void setEpiserver(EpiserverProperties episerver) {
        this.episerver = episerver;
    }

    public CloudMailinProperties getCloudmailin() {
        return cloudmailin;
    }

    public void setCloudmailin(CloudMailinProperties cloudmailin) {
        this.cloudmailin = cloudmailin;
    }

    public Map<String, Map<String, String>> getProviders() {
        return providers;
    }

    public void setProviders(Map<String, Map<String, String>> providers) {
        this.providers = providers;
    }

    public SuppressionProperties getSuppression() {
        return suppression;
    }

    public void setSuppression(SuppressionProperties suppression) {
        this.suppression = suppression;
    }

    public BounceMailboxProperties getBounce() {
        return bounce;
    }

    public void setBounce(BounceMailboxProperties bounce) {
        this.bounce = bounce;
    }

    public CallbackProperties getCallback() {
        return callback;
    }

    public void setCallback(CallbackProperties callback) {
        this.callback = callback;
    }

    public WebhookProperties getWebhook() {
        return webhook;
    }

    public void setWebhook(WebhookProperties webhook) {
        this.webhook = webhook;
    }

    public UnsubscribeProperties getUnsubscribe() {
        return unsubscribe;
    }

    public void setUnsubscribe(UnsubscribeProperties unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    public HealthProperties getHealth() {
        return health;
    }

    public void setHealth(HealthProperties health) {
        this.health = health;
    }
}
