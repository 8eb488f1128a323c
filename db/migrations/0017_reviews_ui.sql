-- Reserved for reviews ui; replaced by its tables when they land.
SELECT 1;
