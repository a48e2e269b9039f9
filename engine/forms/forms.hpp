// reviewkit/forms — PDF forms: built from a description, filled from data, read back.
//
// The boards' forms are data (templates/forms/*.yaml: sections of labelled fields, and criteria
// answered Yes / No / Partially with a comment). `build_form` lays one out as a fillable PDF with
// AcroForm fields; `fill_form` fills any AcroForm PDF — a field's tooltip may hold a template
// expression ("{{ child.pseudonym }}"), otherwise its name is looked up in the data — and gives
// every value an appearance stream, so every viewer shows it; `flatten` draws the values into the
// page and removes the fields. `read_form` gives the values back (criteria as answer and comment).
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.hpp"
#include "data/node.hpp"

namespace reviewkit::forms {

/// Checks a form description and lays it out; nothing (with every problem in `diags`) when the
/// description is wrong.
std::optional<std::string> build_form(const std::string& description_path, Diagnostics& diags);

struct FormFillOptions {
  bool flatten = false;
  bool lenient = false;  ///< a field with no value is left empty, with a warning
  std::string password;  ///< encrypt the result (AES-256) when not empty
};

/// Fills an AcroForm PDF from `data`.
std::optional<std::string> fill_form(const std::string& pdf, const std::string& name, const data::Node& data,
                                     const FormFillOptions& options, Diagnostics& diags);

/// The values of a filled form as YAML: field: value; criteria (fields ID_answer and ID_comment)
/// as ID: {answer: …, comment: …}.
/// `password` opens an encrypted form.
std::optional<std::string> read_form(const std::string& pdf, const std::string& name, const std::string& password,
                                     Diagnostics& diags);

}  // namespace reviewkit::forms
