package org.sanctuarycity.workflow.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Encrypts a personal-data column on write and decrypts it on read. Put it on every entity field that
 * can hold personal data with {@code @Convert(converter = PersonalDataConverter.class)}. Hibernate
 * creates it through Spring's bean container, so the cipher is injected by constructor.
 */
@Converter
public class PersonalDataConverter implements AttributeConverter<String, String> {

  private final FieldCipher cipher;

  public PersonalDataConverter(FieldCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public String convertToDatabaseColumn(String attribute) {
    return cipher.encrypt(attribute);
  }

  @Override
  public String convertToEntityAttribute(String dbData) {
    return cipher.decrypt(dbData);
  }
}
