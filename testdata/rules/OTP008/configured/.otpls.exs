[rules: [OTP008: [max_depth: 2]]]
