package org.sanctuarycity.workflow.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for encrypting personal data at rest. {@code keys} maps a key id to a base64 256-bit AES key;
 * {@code activeKey} names the key new values are written with. Old keys stay listed until every
 * value written with them has been re-encrypted (SECURITY.md, "Key rotation").
 */
@ConfigurationProperties("app.crypto")
public record CryptoProperties(@DefaultValue Map<String, String> keys, String activeKey) {}
